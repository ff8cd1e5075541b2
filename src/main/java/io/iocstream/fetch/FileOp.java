package io.iocstream.fetch;

/** What a fetched-file record says about its path. */
public enum FileOp {
    /** The file's content at the commit. */
    CONTENT,
    /** The file is gone at the commit. */
    REMOVED,
    /** A whole-tree scan: every dependency file present at the commit is listed; others are gone. */
    SNAPSHOT,
    /** The ref was deleted. */
    REF_DELETED
}
