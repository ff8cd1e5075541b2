package io.iocstream.fetch;

/** What a fetched-file record says about its path. */
public enum FileOp {
    /** The file's content at the commit. */
    CONTENT,
    /** The file is present but too large to read for content indicators: only its path can match. */
    LISTED,
    /** The file is gone at the commit. */
    REMOVED,
    /** A whole-tree scan: every file present at the commit is listed; others are gone. */
    SNAPSHOT,
    /** The ref was deleted. */
    REF_DELETED,
    /**
     * A file of the scan that could not be read or parsed (it is a dead letter). Without facts (a fetch that
     * failed) the path is left as it was; with facts (a parse that failed: only the hash and hosts) those replace
     * the path's hash and hosts and its dependencies stay as they were.
     */
    FAILED,
    /** The scan changed no dependency file; it still counts, so the scans after it may be applied. */
    EMPTY,
    /** The ref was not pushed for the configured time: its inventory leaves state, its findings stay open. */
    REF_EXPIRED
}
