package io.iocstream.github;

/**
 * One file of a repository tree.
 *
 * @param path path inside the repository
 * @param oid  git blob id (SHA-1, hex)
 * @param size size in bytes
 */
public record TreeEntry(String path, String oid, long size) {}
