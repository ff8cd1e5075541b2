package io.iocstream.fetch;

/**
 * What the fetcher made of one file: its content, or why it could not read it. A {@code retryable} failure is
 * tried again by the async operator's retry strategy; whatever still fails becomes a dead letter.
 */
public record FetchOutcome(FileRef file, byte[] content, String failure, boolean retryable) {

    static FetchOutcome read(FileRef file, byte[] content) {
        return new FetchOutcome(file, content, null, false);
    }

    static FetchOutcome failed(FileRef file, String failure, boolean retryable) {
        return new FetchOutcome(file, null, failure, retryable);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
