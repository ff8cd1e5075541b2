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
    BASELINE,
    /**
     * A request to scan a ref's whole tree again even though it was scanned: an {@code {"iocstream": "rescan"}} line,
     * which {@code redrive} sends for a scan whose fetch failed. The tree read is a snapshot, so it opens what the
     * failed scan missed and resolves what it should have resolved.
     */
    RESCAN
}
