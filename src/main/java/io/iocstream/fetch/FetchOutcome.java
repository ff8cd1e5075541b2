package io.iocstream.fetch;

/**
 * What the fetcher made of one file: its content (in memory, or spooled to local disk when large), or why it
 * could not read it. A {@code retryable} failure is tried again by the async operator's retry strategy; whatever
 * still fails becomes a dead letter.
 */
public record FetchOutcome(FileRef file, byte[] content, String failure, boolean retryable, long heldBytes,
        Spool spool) {

    static FetchOutcome read(FileRef file, byte[] content) {
        return new FetchOutcome(file, content, null, false, 0, null);
    }

    /** A file whose bytes count against the task manager's byte budget until it is parsed. */
    static FetchOutcome readHeld(FileRef file, byte[] content, long heldBytes) {
        return new FetchOutcome(file, content, null, false, heldBytes, null);
    }

    /** A file spooled to local disk: it holds nothing of the heap, and its spool goes once it is parsed. */
    static FetchOutcome spooled(FileRef file, Spool spool) {
        return new FetchOutcome(file, null, null, false, 0, spool);
    }

    static FetchOutcome failed(FileRef file, String failure, boolean retryable) {
        return new FetchOutcome(file, null, failure, retryable, 0, null);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
