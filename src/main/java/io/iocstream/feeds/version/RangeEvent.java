package io.iocstream.feeds.version;

import java.io.Serializable;

/**
 * One event of an OSV range: the version at which the range's status changes.
 *
 * @param kind    which event
 * @param version the version as the feed writes it; {@code "0"} for an introduced event means the beginning,
 *                {@code "*"} for a limit means no limit
 */
public record RangeEvent(Kind kind, String version) implements Serializable {

    /** The OSV event types. */
    public enum Kind { INTRODUCED, FIXED, LAST_AFFECTED, LIMIT }

    public static RangeEvent introduced(String version) {
        return new RangeEvent(Kind.INTRODUCED, version);
    }

    public static RangeEvent fixed(String version) {
        return new RangeEvent(Kind.FIXED, version);
    }

    public static RangeEvent lastAffected(String version) {
        return new RangeEvent(Kind.LAST_AFFECTED, version);
    }

    public static RangeEvent limit(String version) {
        return new RangeEvent(Kind.LIMIT, version);
    }

    /** {@code introduced: "0"}: before every version. */
    boolean isBeginning() {
        return kind == Kind.INTRODUCED && "0".equals(version);
    }

    /** {@code limit: "*"}: after every version. */
    boolean isInfinity() {
        return kind == Kind.LIMIT && version.contains("*");
    }
}
