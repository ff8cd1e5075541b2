package io.iocstream.match;

import static io.iocstream.match.MatcherHarness.harness;
import static io.iocstream.match.MatcherHarness.loaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.Trigger;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The matcher's scan records: one per scan once its last record is applied, whatever order records come in, with
 * exact counts; a scan the ref gives up on is reported incomplete once, its late records not counted again; the
 * tallies survive a snapshot and leave no state behind.
 */
class ScanRecordsTest {

    private static final IocEntry CHALK = new IocEntry("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"), false,
            false, "critical", "osv");

    @Test
    void aScanIsReportedOnceItsLastRecordIsAppliedWithExactCounts() throws Exception {
        try (var harness = loaded(CHALK)) {
            // scan 2's records come first: held until scan 1 is whole
            harness.processElement1(update(2, 1, "package-lock.json", FileOp.CONTENT, facts(0, dep("5.6.2"))), 0);
            harness.processElement1(update(1, 5, "package-lock.json", FileOp.CONTENT, facts(0, dep("5.6.1"))), 0);
            harness.processElement1(update(1, 5, "big.bin", FileOp.LISTED, FileFacts.PATH_ONLY), 0);
            harness.processElement1(update(1, 5, "gone.js", FileOp.FAILED, null), 0);
            harness.processElement1(update(1, 5, "yarn.lock", FileOp.CONTENT, facts(2)), 0);
            assertThat(scans(harness)).isEmpty();
            harness.processElement1(update(1, 5, "broken/package-lock.json", FileOp.FAILED, facts(0)), 0);

            assertThat(scans(harness)).extracting(ScanRecord::scanSeq, ScanRecord::complete,
                    ScanRecord::filesConsidered, ScanRecord::filesFetched, ScanRecord::filesTooLarge,
                    ScanRecord::filesFailed, ScanRecord::filesNotFullyParsed, ScanRecord::findingsOpened,
                    ScanRecord::findingsResolved)
                    .containsExactly(tuple(1L, true, 5, 3, 1, 1, 2, 1, 0), tuple(2L, true, 1, 1, 0, 0, 0, 0, 1));
            ScanRecord first = scans(harness).get(0);
            assertThat(first.iocIds()).containsExactly("MAL-2025-46969");
            assertThat(first.opened()).extracting(ScanRecord.OpenedFinding::what, ScanRecord.OpenedFinding::path)
                    .containsExactly(tuple("npm chalk@5.6.1", "package-lock.json"));
            assertThat(first.fullyRead()).isFalse();
            assertThat(scans(harness).get(1).fullyRead()).isTrue();
            assertThat(tallies(harness)).isZero();
        }
    }

    @Test
    void aScanGivenUpOnIsReportedIncompleteAndItsLateRecordIsNotCountedAgain() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.setProcessingTime(0);
            harness.processElement1(update(1, 3, "a/package-lock.json", FileOp.CONTENT, facts(0, dep("5.6.1"))), 0);
            harness.processElement1(update(2, 1, "b/package-lock.json", FileOp.CONTENT, facts(0)), 0);
            harness.setProcessingTime(InventoryMatcher.STALL_TIMEOUT.toMillis() + 1);

            assertThat(scans(harness)).extracting(ScanRecord::scanSeq, ScanRecord::complete,
                    ScanRecord::filesConsidered, ScanRecord::findingsOpened)
                    .containsExactly(tuple(1L, false, 1, 1), tuple(2L, true, 1, 0));

            harness.processElement1(update(1, 3, "c/package-lock.json", FileOp.CONTENT, facts(0)), 0);
            assertThat(scans(harness)).hasSize(2);
            assertThat(tallies(harness)).isZero();
        }
    }

    @Test
    void theEndOfTheInputReportsWhatIsStillIncomplete() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(update(1, 2, "a/package-lock.json", FileOp.CONTENT, facts(0)), 0);
            harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            assertThat(scans(harness)).extracting(ScanRecord::complete, ScanRecord::filesConsidered)
                    .containsExactly(tuple(false, 1));
        }
    }

    @Test
    void theEndOfTheInputReportsEveryScanItMovesPastAndLeavesNoTally() throws Exception {
        try (var harness = loaded(CHALK)) {
            // scan 1 part applied; scan 2 held in part, scan 4 held whole, scan 3 never came
            harness.processElement1(update(1, 3, "a/package-lock.json", FileOp.CONTENT, facts(0)), 0);
            harness.processElement1(update(2, 2, "b/package-lock.json", FileOp.CONTENT, facts(0, dep("5.6.1"))), 0);
            harness.processElement1(update(4, 1, "c/package-lock.json", FileOp.CONTENT, facts(0)), 0);
            harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

            // scan 4 is whole as it is applied; those given up on are reported after, in order
            assertThat(scans(harness)).extracting(ScanRecord::scanSeq, ScanRecord::complete,
                    ScanRecord::filesConsidered, ScanRecord::findingsOpened)
                    .containsExactly(tuple(4L, true, 1, 0), tuple(1L, false, 1, 0), tuple(2L, false, 1, 1));
            assertThat(tallies(harness)).isZero();
        }
    }

    @Test
    void aScanAppliedAcrossASnapshotKeepsItsCounts() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = loaded(CHALK)) {
            harness.processElement1(update(1, 2, "a/package-lock.json", FileOp.CONTENT, facts(0, dep("5.6.1"))), 0);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(snapshot)) {
            restored.processElement1(update(1, 2, "b.bin", FileOp.LISTED, FileFacts.PATH_ONLY), 0);
            assertThat(scans(restored)).extracting(ScanRecord::filesConsidered, ScanRecord::filesTooLarge,
                    ScanRecord::findingsOpened).containsExactly(tuple(2, 1, 1));
        }
    }

    @Test
    void aDeletedRefAndAFailedListingSayWhatTheyWere() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(update(1, 1, "", FileOp.FAILED, null), 0);
            harness.processElement1(update(2, 1, "", FileOp.REF_DELETED, null), 0);
            assertThat(scans(harness)).extracting(ScanRecord::listingFailed, ScanRecord::scanType,
                    ScanRecord::refDeleted).containsExactly(tuple(true, "changes", false),
                    tuple(false, "ref_deleted", true));
        }
    }

    private static Dependency dep(String version) {
        return new Dependency("npm", "chalk", version);
    }

    private static FileFacts facts(int skipped, Dependency... deps) {
        return new FileFacts(List.of(deps), "ab", List.of(), List.of(), skipped);
    }

    private static InventoryUpdate update(long seq, int scanSize, String path, FileOp op, FileFacts facts) {
        return new InventoryUpdate("acme/app", "refs/heads/main", "c" + seq, path, Trigger.PUSH, seq, scanSize, op,
                facts, List.of());
    }

    private static List<ScanRecord> scans(KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate,
            FeedUpdate, Finding> harness) {
        return harness.getSideOutput(InventoryMatcher.SCANS) == null ? List.of()
                : harness.getSideOutput(InventoryMatcher.SCANS).stream().map(StreamRecord::getValue).toList();
    }

    /** How many refs hold a scan tally. */
    private static long tallies(KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding>
            harness) {
        var backend = ((AbstractStreamOperator<?>) harness.getOperator()).<String>getKeyedStateBackend();
        try (var keys = backend.getKeys("scan-tallies", VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }
}
