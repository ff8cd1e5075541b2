package io.iocstream.github;

/** A file of a git tree: its path, blob oid and size in bytes. */
public record TreeEntry(String path, String oid, long size) {}
