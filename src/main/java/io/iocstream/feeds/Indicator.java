package io.iocstream.feeds;

import io.iocstream.parse.ActionReference;
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
        WORKFLOW("workflow"),
        /** A {@code uses:} reference, {@code owner/repo[/path]@ref}, or {@code owner/repo[/path]} for every ref. */
        ACTION("action"),
        /** A branch or tag name pushed to ({@code shai-hulud}), or a full ref ({@code refs/heads/shai-hulud}). */
        REF("ref"),
        /**
         * A URL with a path, {@code host/path}: a {@code domain} value written with a path, or the project's own
         * {@code url} type; matched by host and path prefix, and its findings are of kind {@code domain}.
         */
        URL("url"),
        /**
         * A repository that a repository event creates, makes public, renames or transfers: its name
         * ({@code shai-hulud}), {@code owner/name}, or {@code description:TEXT} (its description); a worm marker.
         * Compared case-insensitively, as GitHub compares repository names, so the value is lower-cased.
         */
        REPOSITORY("repository");

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
            case FILE_HASH, DOMAIN, REPOSITORY -> value.strip().toLowerCase(Locale.ROOT);
            case FILE_NAME, WORKFLOW, REF, URL -> value.strip();
            case ACTION -> ActionReference.normalised(value);
        };
    }
}
