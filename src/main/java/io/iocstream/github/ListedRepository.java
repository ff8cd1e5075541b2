package io.iocstream.github;

/**
 * One repository as a listing named it.
 *
 * @param fullName      {@code owner/name}, as GitHub wrote it (the ingest checks it)
 * @param defaultBranch the default branch's name, or null when GitHub gave none
 */
public record ListedRepository(String fullName, String defaultBranch) {}
