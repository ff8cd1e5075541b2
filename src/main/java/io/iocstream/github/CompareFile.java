package io.iocstream.github;

/** One file of a compare result; {@code status} is GitHub's (added, modified, removed, renamed, ...). */
public record CompareFile(String filename, String status, String previousFilename) {}
