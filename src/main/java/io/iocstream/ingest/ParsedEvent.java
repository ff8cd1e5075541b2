package io.iocstream.ingest;

/** The result of reading one raw event: a push, or the one-line reason it is not one. */
public record ParsedEvent(PushEvent event, String reason) {

    public static ParsedEvent accepted(PushEvent event) {
        return new ParsedEvent(event, null);
    }

    public static ParsedEvent rejected(String reason) {
        return new ParsedEvent(null, reason);
    }
}
