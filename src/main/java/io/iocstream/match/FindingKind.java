package io.iocstream.match;

import io.iocstream.feeds.Indicator;
import java.util.Locale;

/** What a finding is about: a dependency, or an indicator of one of the feeds' kinds. {@link #wire()} is its JSON. */
public enum FindingKind {
    PACKAGE, FILE_HASH, FILE_NAME, DOMAIN, WORKFLOW, ACTION, REF, REPOSITORY;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The finding's {@code kind} as the findings contract writes it. */
    public String wire() {
        return wire;
    }

    /** The kind {@code word} names, as {@link #wire()} writes it; an IllegalArgumentException when it names none. */
    public static FindingKind ofWire(String word) {
        for (FindingKind kind : values()) {
            if (kind.wire.equals(word)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown finding kind '" + word + "'");
    }

    /** The kind of the findings an indicator raises. */
    static FindingKind of(Indicator.Kind kind) {
        return switch (kind) {
            case FILE_HASH -> FILE_HASH;
            case FILE_NAME -> FILE_NAME;
            case DOMAIN, URL -> DOMAIN;
            case WORKFLOW -> WORKFLOW;
            case ACTION -> ACTION;
            case REF -> REF;
            case REPOSITORY -> REPOSITORY;
        };
    }
}
