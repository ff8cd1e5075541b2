package io.iocstream.match;

import java.util.Locale;

/**
 * Why a finding was resolved, or that its branch is no longer watched ({@link #EXPIRED}); {@link #wire()} is the
 * finding's {@code resolution}. A withdrawn feed entry is not a fix: {@link #IOC_WITHDRAWN} says so.
 */
public enum Resolution {
    /** A push changed the file so that the hit is gone (another version, the indicator removed). */
    REMOVED_BY_PUSH,
    /** The file was deleted, or is absent from a whole-tree scan. */
    FILE_DELETED,
    /** The branch or tag was deleted. */
    REF_DELETED,
    /** No feed entry names the hit any more: the feed withdrew or dropped it. The file was not changed. */
    IOC_WITHDRAWN,
    /**
     * Not a resolution: the finding stays {@code open}, but its branch was not pushed for {@code state.branch_ttl},
     * so its inventory left the job's state and it is no longer watched or hunted (docs/findings.md).
     */
    EXPIRED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The finding's {@code resolution} as the findings contract writes it. */
    public String wire() {
        return wire;
    }
}
