package io.iocstream.github;

/**
 * One file changed between two commits.
 *
 * @param status           as GitHub reports it: {@code added}, {@code modified}, {@code removed}, {@code renamed},
 *                         and more rarely {@code copied}, {@code changed} or {@code unchanged}
 * @param previousFilename the old path of a renamed file, else null
 * @param sha              the file's blob id at the head commit (null for a removed file on some servers)
 */
public record CompareFile(String filename, String status, String previousFilename, String sha) {}
