package io.iocstream.statuses;

import io.iocstream.match.ScanRecord;
import java.util.Locale;

/**
 * What to set on one scanned commit: the verdict, a description within GitHub's 140 characters, and for a check run
 * a title and a Markdown summary that lists the findings. Built from the commit's {@link ScanRecord}.
 *
 * @param arrival the order marks were made in, so that the oldest of equal rank goes first
 */
public record CommitMark(String repo, String sha, Verdict verdict, String description, String title, String summary,
        long arrival) {

    /** GitHub refuses a status description longer than this. */
    public static final int MAX_DESCRIPTION = 140;

    /** A summary this long is plenty for a person; GitHub takes up to 65,535 characters. */
    static final int MAX_SUMMARY = 16_000;

    /** What a scan says of its commit. */
    public enum Verdict {
        /** The push brought a finding in: sent before anything else when the limit binds. */
        FAILURE("failure", "failure"),
        /** Nothing found, but not everything could be read: it cannot be called clean. */
        INCOMPLETE("error", "neutral"),
        /** Every file was read and nothing was found. */
        CLEAN("success", "success");

        private final String state;
        private final String conclusion;

        Verdict(String state, String conclusion) {
            this.state = state;
            this.conclusion = conclusion;
        }

        /** The commit status's {@code state}. */
        public String state() {
            return state;
        }

        /** The check run's {@code conclusion}. */
        public String conclusion() {
            return conclusion;
        }
    }

    /** Whether a scan's commit gets a mark: a scan of a commit, not of a deleted ref or a listing that found none. */
    public static boolean marks(ScanRecord scan) {
        return !scan.refDeleted() && scan.commit() != null && scan.commit().matches("[0-9a-f]{40}")
                && !scan.commit().matches("0{40}");
    }

    /** The mark of a scan that {@link #marks} accepts. */
    public static CommitMark of(ScanRecord scan, long arrival) {
        Verdict verdict = scan.findingsOpened() > 0 ? Verdict.FAILURE
                : scan.fullyRead() ? Verdict.CLEAN : Verdict.INCOMPLETE;
        String description = switch (verdict) {
            case FAILURE -> fit(scan.findingsOpened() + (scan.findingsOpened() == 1 ? " finding: " : " findings: ")
                    + String.join(", ", scan.iocIds()));
            case INCOMPLETE -> fit("No known-bad found, but " + unread(scan) + ": not a clean result");
            case CLEAN -> fit("No known-bad packages, files, domains or workflows in " + scan.filesConsidered()
                    + (scan.filesConsidered() == 1 ? " file" : " files"));
        };
        String title = switch (verdict) {
            case FAILURE -> scan.findingsOpened() + (scan.findingsOpened() == 1 ? " known-bad finding"
                    : " known-bad findings");
            case INCOMPLETE -> "Scan incomplete";
            case CLEAN -> "No known-bad findings";
        };
        return new CommitMark(scan.repo(), scan.commit(), verdict, description, title, summary(scan), arrival);
    }

    /** What could not be read, in a few words. */
    private static String unread(ScanRecord scan) {
        if (scan.listingFailed()) {
            return "the files could not be listed";
        }
        if (scan.filesFailed() > 0) {
            return scan.filesFailed() + " of " + scan.filesConsidered() + " files could not be read";
        }
        return "the scan did not complete";
    }

    /** The check run's Markdown: the counts, then each opened finding with its advisory ids. */
    private static String summary(ScanRecord scan) {
        StringBuilder text = new StringBuilder();
        text.append("iocstream scanned ").append(scan.repo()).append(" at `").append(scan.commit()).append("` (")
                .append(scan.ref()).append(", ").append(scan.trigger()).append("): ")
                .append(scan.filesConsidered()).append(" files considered, ").append(scan.filesFetched())
                .append(" read, ").append(scan.filesTooLarge()).append(" matched by path only, ")
                .append(scan.filesFailed()).append(" could not be read.\n");
        if (!scan.opened().isEmpty()) {
            text.append("\n| severity | file | what | advisory |\n| --- | --- | --- | --- |\n");
            for (ScanRecord.OpenedFinding finding : scan.opened()) {
                text.append("| ").append(finding.severity()).append(" | `").append(cell(finding.path()))
                        .append("` | ").append(finding.kind()).append(": `").append(cell(finding.what()))
                        .append("` | ").append(cell(String.join(", ", finding.iocIds()))).append(" |\n");
            }
            int unlisted = scan.findingsOpened() - scan.opened().size();
            if (unlisted > 0) {
                text.append("\n").append(unlisted).append(" more findings are in the findings output.\n");
            }
        }
        return text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY - 1) + "…" : text.toString();
    }

    // a table cell holds no line break and no bar
    private static String cell(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n|`]", " ");
    }

    /** A description cut to GitHub's 140 characters, with an ellipsis when cut. */
    static String fit(String text) {
        return text.length() <= MAX_DESCRIPTION ? text
                : text.substring(0, MAX_DESCRIPTION - 1).strip() + "…";
    }

    /** The order the queue sends in: failures first, then the oldest. */
    static int compare(CommitMark a, CommitMark b) {
        int byRank = Integer.compare(a.verdict == Verdict.FAILURE ? 0 : 1, b.verdict == Verdict.FAILURE ? 0 : 1);
        return byRank != 0 ? byRank : Long.compare(a.arrival, b.arrival);
    }

    @Override
    public String toString() {
        return repo + "@" + sha + " " + verdict.name().toLowerCase(Locale.ROOT);
    }
}
