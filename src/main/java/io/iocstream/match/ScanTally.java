package io.iocstream.match;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.changes.Trigger;
import io.iocstream.parse.InventoryUpdate;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The running count of one scan while its records are applied: what each record says of its file, and the findings
 * it opened and resolved. A scan sends exactly {@code scanSize} records, a file that failed included, so the scan is
 * whole when that many are counted ({@link #whole()}); then {@link #record} makes its {@link ScanRecord}.
 *
 * <p>Kept in the matcher's keyed state as JSON text: a small, rarely-read value whose fields may grow, and JSON reads
 * a tally written by an older version (unknown fields are ignored, missing ones are zero) without a serializer
 * version to keep.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class ScanTally {

    /** How many opened findings a scan record names; {@code findings_opened} counts them all. */
    static final int OPENED_LISTED = 20;
    /** How many distinct IOC ids a scan record lists. */
    static final int IOC_IDS_LISTED = 100;

    static final String CHANGES = "changes";
    static final String TREE = "tree";
    static final String REF_DELETED = "ref_deleted";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private String repo;
    private String ref;
    private String commit;
    private String trigger;
    private long seq;
    private int scanSize;
    private int records;
    private String scanType = CHANGES;
    private boolean listingFailed;
    private int considered;
    private int fetched;
    private int tooLarge;
    private int failed;
    private int notFullyParsed;
    private int removed;
    private int opened;
    private int resolved;
    private TreeSet<String> iocIds = new TreeSet<>();
    private List<ScanRecord.OpenedFinding> openedListed = new ArrayList<>();

    private ScanTally() {}

    /** A tally for the scan of {@code first}, nothing counted yet. */
    static ScanTally of(InventoryUpdate first) {
        ScanTally tally = new ScanTally();
        tally.repo = first.repo();
        tally.ref = first.ref();
        tally.commit = first.commit();
        tally.trigger = (first.trigger() == null ? Trigger.PUSH : first.trigger()).wire();
        tally.seq = first.seq();
        tally.scanSize = first.scanSize();
        return tally;
    }

    /** Counts one record of the scan (before the findings it makes). */
    void count(InventoryUpdate update) {
        records++;
        if (commit == null) {
            // a baseline of a branch head learns its commit when listed; a failed listing never does
            commit = update.commit();
        }
        switch (update.op()) {
            case CONTENT -> {
                considered++;
                fetched++;
                if (update.facts() != null && update.facts().skippedEntries() > 0) {
                    notFullyParsed++;
                }
            }
            case LISTED -> {
                considered++;
                tooLarge++;
            }
            case FAILED -> {
                if (update.path().isEmpty()) {
                    // the one record of a scan whose listing failed
                    listingFailed = true;
                } else if (update.facts() != null) {
                    // read, but its document did not parse: hash and hosts only
                    considered++;
                    fetched++;
                    notFullyParsed++;
                } else {
                    considered++;
                    failed++;
                }
            }
            case REMOVED -> removed++;
            case SNAPSHOT -> scanType = TREE;
            case REF_DELETED -> scanType = REF_DELETED;
            case EMPTY -> {
                // completes its scan and says nothing of a file
            }
        }
    }

    /** Counts a finding a record of the scan made. */
    void finding(Finding finding) {
        if (FindingStatus.OPEN.wire().equals(finding.status())) {
            opened++;
            for (String id : finding.iocIds()) {
                if (iocIds.size() < IOC_IDS_LISTED) {
                    iocIds.add(id);
                }
            }
            if (openedListed.size() < OPENED_LISTED) {
                openedListed.add(ScanRecord.OpenedFinding.of(finding));
            }
        } else if (FindingStatus.RESOLVED.wire().equals(finding.status())) {
            resolved++;
        }
    }

    /** Whether every record of the scan is counted. */
    boolean whole() {
        return records >= scanSize;
    }

    long seq() {
        return seq;
    }

    /** The scan's record; {@code complete} is false when the ref moved on before the scan was whole. */
    ScanRecord record(boolean complete, Instant now) {
        return new ScanRecord(ScanRecord.SCHEMA_VERSION, repo, ref, commit, trigger, seq, scanType, complete,
                listingFailed, considered, fetched, tooLarge, failed, notFullyParsed, removed, opened, resolved,
                List.copyOf(iocIds), openedListed, now.toString());
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScanTally fromJson(String json) {
        try {
            return JSON.readValue(json, ScanTally.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
