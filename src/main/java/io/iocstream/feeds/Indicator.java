package io.iocstream.feeds;

import java.util.Locale;

/**
 * One non-package indicator of an IOC feed (the indicators CSV: {@code type,value,id[,severity,description]}).
 *
 * @param id          the feed's id, or {@code FEEDFILE:LINE} when the row carries none
 * @param kind        what the value is compared with
 * @param value       the feed's value; lower-cased for hashes and domains
 * @param severity    {@code critical}, {@code high}, {@code medium} or {@code low} ({@link Severity#wire()})
 * @param description the feed's words, or empty
 * @param withdrawn   withdrawn indicators never match
 * @param feed        the feed file it came from
 */
public record Indicator(String id, Kind kind, String value, String severity, String description, boolean withdrawn,
        String feed) {

    /** The indicator kinds. */
    public enum Kind {
        FILE_HASH("sha256"),
        FILE_NAME("file_name"),
        DOMAIN("domain"),
        WORKFLOW("workflow");

        private final String feedType;

        Kind(String feedType) {
            this.feedType = feedType;
        }

        /** The {@code type} column's word in an indicators CSV. */
        public String feedType() {
            return feedType;
        }

        /** The kind a feed's {@code type} cell names, or null. */
        public static Kind ofFeedType(String type) {
            for (Kind kind : values()) {
                if (kind.feedType.equalsIgnoreCase(type.strip())) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** What the feed says of the indicator: its description as the summary. */
    public Advisory advisory() {
        return Advisory.ofSummary(description);
    }

    public Indicator {
        Severity.ofWire(severity); // an unknown word fails where it is made, not in each lookup that hits it
        value = switch (kind) {
            case FILE_HASH, DOMAIN -> value.strip().toLowerCase(Locale.ROOT);
            case FILE_NAME, WORKFLOW -> value.strip();
        };
    }
}
