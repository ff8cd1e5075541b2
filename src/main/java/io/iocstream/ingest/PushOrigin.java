package io.iocstream.ingest;

/** Where a push event came from; it decides whether the event carries file lists. */
public enum PushOrigin {
    /** A webhook {@code push} payload: commits with added/removed/modified lists. */
    WEBHOOK,
    /** An Events API (or GH Archive) {@code PushEvent}: no file lists, so the compare API is needed. */
    EVENTS_API,
    /**
     * A request to baseline a ref that may never be pushed to: a repository listed by {@code OrgRepositoriesSource},
     * a webhook {@code repository} event, or an {@code {"iocstream": "baseline"}} line. Not a push: it scans the
     * ref's whole tree once, unless the ref was scanned before.
     */
    BASELINE
}
