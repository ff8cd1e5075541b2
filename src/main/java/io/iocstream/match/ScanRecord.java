package io.iocstream.match;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one scan (a push, or a baseline of a ref) looked at and what it found, so that "no finding" can be told from
 * "not scanned": one JSON object a line on its own output (docs/findings.md, Scan records). Field names are the wire
 * names; this record is the JSON edge, like {@link Finding}. Counts are of the scan's files:
 * {@code files_considered = files_fetched + files_too_large + files_failed}.
 *
 * @param scanSeq              the ref's scan number (from 1, without gaps), so two scans of one commit stay apart
 * @param scanType             {@code changes} (the files a push changed), {@code tree} (a whole tree) or
 *                             {@code ref_deleted}
 * @param complete             false when the ref moved past the scan before all of its records came (a stall, or the
 *                             end of a bounded input): the counts are then of what came
 * @param listingFailed        the scan's files could not be listed (a dead letter says why): nothing was read
 * @param filesConsidered      files the scan was to read
 * @param filesFetched         files read (their content matched)
 * @param filesTooLarge        files matched by path alone, too large to read in a tree scan
 * @param filesFailed          files that could not be fetched, or that their parser failed on (dead letters)
 * @param filesNotFullyParsed  files read whose entries were skipped in part, or whose document did not parse at all
 * @param filesRemoved         paths the scan saw removed
 * @param findingsOpened       findings the scan opened
 * @param findingsResolved     findings the scan resolved
 * @param iocIds               the ids of the feed entries behind the opened findings, sorted, without repeats
 * @param opened               the first {@value ScanTally#OPENED_LISTED} opened findings, briefly; all are in the
 *                             findings output
 * @param scannedAt            RFC 3339 time the scan was complete
 */
public record ScanRecord(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("repo") String repo,
        @JsonProperty("ref") String ref,
        @JsonProperty("commit") String commit,
        @JsonProperty("trigger") String trigger,
        @JsonProperty("scan_seq") long scanSeq,
        @JsonProperty("scan_type") String scanType,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("listing_failed") boolean listingFailed,
        @JsonProperty("files_considered") int filesConsidered,
        @JsonProperty("files_fetched") int filesFetched,
        @JsonProperty("files_too_large") int filesTooLarge,
        @JsonProperty("files_failed") int filesFailed,
        @JsonProperty("files_not_fully_parsed") int filesNotFullyParsed,
        @JsonProperty("files_removed") int filesRemoved,
        @JsonProperty("findings_opened") int findingsOpened,
        @JsonProperty("findings_resolved") int findingsResolved,
        @JsonProperty("ioc_ids") List<String> iocIds,
        @JsonProperty("opened") List<OpenedFinding> opened,
        @JsonProperty("scanned_at") String scannedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ScanRecord {
        iocIds = List.copyOf(iocIds);
        opened = List.copyOf(opened);
    }

    /** Whether every file of the scan was read whole enough to match: nothing failed, nothing is missing. */
    public boolean fullyRead() {
        return complete && !listingFailed && filesFailed == 0;
    }

    /** A ref deleted has no commit to mark. */
    public boolean refDeleted() {
        return ScanTally.REF_DELETED.equals(scanType);
    }

    /**
     * One opened finding, in brief: enough for a commit status or a check run to name it.
     *
     * @param what {@code ecosystem package@version} for a package, else the indicator
     */
    public record OpenedFinding(
            @JsonProperty("finding_id") String findingId,
            @JsonProperty("path") String path,
            @JsonProperty("kind") String kind,
            @JsonProperty("what") String what,
            @JsonProperty("ioc_ids") List<String> iocIds,
            @JsonProperty("severity") String severity) {

        public OpenedFinding {
            iocIds = List.copyOf(iocIds);
        }

        static OpenedFinding of(Finding finding) {
            String what = finding.packageName() != null
                    ? finding.ecosystem() + " " + finding.packageName() + "@" + finding.version()
                    : finding.indicator();
            return new OpenedFinding(finding.findingId(), finding.path(), finding.kind(), what, finding.iocIds(),
                    finding.severity());
        }
    }
}
