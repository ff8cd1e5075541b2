package io.iocstream.parse;

/**
 * One entry of a dependency file or workflow that could not be read, while the rest of the file was.
 *
 * @param entry  where it is: {@code line 12}, or {@code entry } and its key or name
 * @param reason one line saying why
 * @param raw    the entry's text, clipped
 */
public record SkippedEntry(String entry, String reason, String raw) {}
