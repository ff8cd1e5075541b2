package io.iocstream.feeds;

import java.util.Locale;

/** The severities a finding may carry, read from a feed's {@code severity} cell. */
final class FeedSeverity {

    private FeedSeverity() {}

    /** The cell's severity, lower-cased; {@code otherwise} when the cell is empty or absent (null). */
    static String of(String cell, String otherwise) throws BadFeedRow {
        if (cell == null || cell.isBlank()) {
            return otherwise;
        }
        String level = cell.strip().toLowerCase(Locale.ROOT);
        if (Severity.lookUp(level) == null) {
            throw new BadFeedRow("unknown severity '" + cell.strip() + "' (critical, high, medium or low)");
        }
        return level;
    }
}
