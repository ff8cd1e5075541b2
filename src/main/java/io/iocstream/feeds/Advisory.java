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

    public Advisory {
        summary = summary == null || summary.isBlank() ? null
                : summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary;
        aliases = List.copyOf(aliases.size() > MAX_ITEMS ? aliases.subList(0, MAX_ITEMS) : aliases);
        references = List.copyOf(references.size() > MAX_ITEMS ? references.subList(0, MAX_ITEMS) : references);
    }

    /** Only a summary: an indicator's description. */
    public static Advisory ofSummary(String summary) {
        return summary == null || summary.isBlank() ? NONE : new Advisory(summary, List.of(), List.of());
    }
}
