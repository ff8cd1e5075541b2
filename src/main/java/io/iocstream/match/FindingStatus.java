package io.iocstream.match;

import java.util.Locale;

/**
 * Where a finding stands: opened by a hit, resolved when the hit is gone, or suppressed while a configured
 * suppression covers it (it never alerts; it opens when the suppression expires). {@link #wire()} is its JSON.
 */
public enum FindingStatus {
    OPEN, RESOLVED, SUPPRESSED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The finding's {@code status} as the findings contract writes it. */
    public String wire() {
        return wire;
    }
}
