package io.iocstream.statuses;

/** How a scanned commit is marked on GitHub. */
public enum StatusMode {
    /** A commit status ({@code POST /repos/O/R/statuses/SHA}): any token with {@code repo:status} may set one. */
    STATUS,
    /** A check run ({@code POST /repos/O/R/check-runs}): only a GitHub App may create one, and it can be required. */
    CHECK_RUN
}
