package io.iocstream.feeds;

import java.util.Locale;

/**
 * How grave an IOC is, gravest first (the natural order): the severity a feed gives its entries and a finding
 * carries. Feeds and findings write it as a word ({@link #wire()}); a feed's row with any other word is a dead
 * letter, and entries and indicators refuse one, so every severity inside the job is one of these.
 */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The word feeds and findings write. */
    public String wire() {
        return wire;
    }

    /** The severity {@code word} names as {@link #wire()} writes it; an IllegalArgumentException if none. */
    public static Severity ofWire(String word) {
        Severity severity = lookUp(word);
        if (severity == null) {
            throw new IllegalArgumentException("unknown severity '" + word + "' (critical, high, medium or low)");
        }
        return severity;
    }

    /** The severity {@code word} names, or null. */
    static Severity lookUp(String word) {
        for (Severity severity : values()) {
            if (severity.wire.equals(word)) {
                return severity;
            }
        }
        return null;
    }
}
