package io.iocstream.match;

import java.util.Locale;

/** Where a finding stands: opened by a hit, or resolved when the hit is gone. {@link #wire()} is its JSON. */
public enum FindingStatus {
    OPEN, RESOLVED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The finding's {@code status} as the findings contract writes it. */
    public String wire() {
        return wire;
    }
}
