package io.iocstream.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries of one file that its parser skipped, so that a file read in part says so: every one is counted, the
 * first {@link #LISTED} are kept with their reason and text (a file of a million bad lines must not become a million
 * records).
 */
public final class SkippedEntries {

    /** How many skipped entries of one file are kept, each to become a dead letter. */
    public static final int LISTED = 100;

    private final List<SkippedEntry> listed = new ArrayList<>();
    private int count;

    /** Skips one entry: {@code entry} says where it is, {@code reason} why, {@code raw} what it holds. */
    public void skip(String entry, String reason, String raw) {
        count++;
        if (listed.size() < LISTED) {
            listed.add(new SkippedEntry(EntryValues.printable(entry), reason,
                    raw.length() > ParseFunction.RAW_EXCERPT ? raw.substring(0, ParseFunction.RAW_EXCERPT) : raw));
        }
    }

    /** Skips line {@code line} (from 1), whose text is {@code text[start, end)}. */
    void skipLine(int line, String reason, String text, int start, int end) {
        skip("line " + line, reason, text.substring(start, Math.min(end, start + ParseFunction.RAW_EXCERPT)));
    }

    /** Adds the entries {@code other} skipped. */
    void addAll(SkippedEntries other) {
        count += other.count;
        listed.addAll(other.listed.subList(0, Math.min(other.listed.size(), LISTED - listed.size())));
    }

    /** The first {@link #LISTED} skipped entries. */
    public List<SkippedEntry> listed() {
        return listed;
    }

    /** How many entries were skipped. */
    public int count() {
        return count;
    }
}
