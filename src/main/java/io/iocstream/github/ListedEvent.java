package io.iocstream.github;

/**
 * One event as an Events API page listed it: its id and type, read once with the page, and its raw JSON, which
 * the pipeline ingests as is.
 */
public record ListedEvent(String id, String type, String raw) {

    public boolean isPush() {
        return "PushEvent".equals(type);
    }

    /**
     * Whether the pipeline reads it: a push, or an event that creates a repository or makes one public
     * ({@code CreateEvent}, of which the parser keeps those of a repository, and {@code PublicEvent}), which the
     * matcher judges as worm markers.
     */
    public boolean isIngested() {
        return isPush() || "CreateEvent".equals(type) || "PublicEvent".equals(type);
    }
}
