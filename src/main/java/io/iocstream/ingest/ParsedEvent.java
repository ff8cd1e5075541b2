package io.iocstream.ingest;

/**
 * The result of reading one raw event: a push (or baseline request), the one-line reason it is not one, or, for
 * an event that is well formed but asks for nothing ({@code ignored}), what it was.
 */
public record ParsedEvent(PushEvent event, String reason, String ignored) {

    public static ParsedEvent accepted(PushEvent event) {
        return new ParsedEvent(event, null, null);
    }

    public static ParsedEvent rejected(String reason) {
        return new ParsedEvent(null, reason, null);
    }

    /** A good event that needs no scan, such as a repository being deleted: counted, not a dead letter. */
    public static ParsedEvent ignored(String what) {
        return new ParsedEvent(null, null, what);
    }
}
