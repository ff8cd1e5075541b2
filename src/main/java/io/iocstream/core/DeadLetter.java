package io.iocstream.core;

import org.apache.flink.util.OutputTag;

/**
 * An input the pipeline could not use, kept with enough to understand and re-drive it.
 *
 * @param stage  the stage that gave up: ingest, fetch, parse, feed
 * @param origin where the input came from (file and line, repo and path, ...)
 * @param reason one line saying why
 * @param raw    the input itself, or what is needed to fetch it again
 */
public record DeadLetter(String stage, String origin, String reason, String raw) {

    /** The side output every stage sends its dead letters to. */
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters") {};

    /** The first line of an exception's message (its class name when it has none): a reason is one line. */
    public static String firstLine(Throwable e) {
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The first line of {@code message}. */
    public static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
