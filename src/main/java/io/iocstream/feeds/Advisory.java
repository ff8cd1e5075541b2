package io.iocstream.feeds;

import java.io.Serializable;
import java.util.List;

/**
 * What a feed says about an entry beyond what it matches: the words a SOC reads in a finding. OSV entries carry
 * all three; an indicators CSV row its {@code description} as the summary; package CSV and TXT lists nothing.
 *
 * @param summary    OSV {@code summary} (or an indicator's description), null when the feed gives none
 * @param aliases    OSV {@code aliases} (e.g. {@code GHSA-...}, {@code CVE-...}), in the feed's order
 * @param references OSV {@code references[].url}, in the feed's order
 */
public record Advisory(String summary, List<String> aliases, List<String> references) implements Serializable {

    /** A feed that says nothing more. */
    public static final Advisory NONE = new Advisory(null, List.of(), List.of());

    /** Longest summary kept: OSV summaries are one line; a feed that writes a book is cut, not refused. */
    static final int MAX_SUMMARY = 1000;
    /** Most aliases or references kept of one entry. */
    static final int MAX_ITEMS = 100;

    /** Longest alias or reference kept; a longer one is no id or link anyone reads, and is left out. */
    static final int MAX_ITEM = 2048;

    public Advisory {
        summary = summary == null || summary.isBlank() ? null : cut(summary);
        aliases = kept(aliases);
        references = kept(references);
    }

    /** At most {@link #MAX_SUMMARY} characters, never half a surrogate pair. */
    private static String cut(String summary) {
        if (summary.length() <= MAX_SUMMARY) {
            return summary;
        }
        int end = Character.isHighSurrogate(summary.charAt(MAX_SUMMARY - 1)) ? MAX_SUMMARY - 1 : MAX_SUMMARY;
        return summary.substring(0, end);
    }

    private static List<String> kept(List<String> items) {
        return items.stream().filter(item -> item != null && !item.isBlank() && item.length() <= MAX_ITEM)
                .limit(MAX_ITEMS).toList();
    }

    /** Only a summary: an indicator's description. */
    public static Advisory ofSummary(String summary) {
        return summary == null || summary.isBlank() ? NONE : new Advisory(summary, List.of(), List.of());
    }
}
