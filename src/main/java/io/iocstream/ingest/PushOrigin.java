package io.iocstream.ingest;

/** Where a push event came from; it decides whether the event carries file lists. */
public enum PushOrigin {
    /** A webhook {@code push} payload: commits with added/removed/modified lists. */
    WEBHOOK,
    /** An Events API (or GH Archive) {@code PushEvent}: no file lists, so the compare API is needed. */
    EVENTS_API
}
