package io.iocstream.github;

/**
 * One event as an Events API page listed it: its id and type, read once with the page, and its raw JSON, which
 * the pipeline ingests as is.
 */
public record ListedEvent(String id, String type, String raw) {

    public boolean isPush() {
        return "PushEvent".equals(type);
    }
}
