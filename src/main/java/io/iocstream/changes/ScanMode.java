package io.iocstream.changes;

/** How the fetch stage learns which files a scan request covers. */
public enum ScanMode {
    /** The push payload listed the changed and removed paths. */
    PATHS,
    /** The payload had no file lists: ask the compare API for {@code before...commit}. */
    COMPARE,
    /** List the whole tree at the commit; what is not in it is gone (baseline scans, force pushes). */
    TREE,
    /** The ref was deleted: everything found on it is resolved. */
    DELETE_REF,
    /**
     * The ref was not pushed for the configured time ({@code state.branch_ttl}): its inventory leaves state, its
     * open findings stay open (docs/architecture.md, state lifetimes).
     */
    EXPIRE_REF
}
