package io.iocstream.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.DeadLetter;
import io.iocstream.ingest.PushCommit;
import io.iocstream.ingest.PushEvent;
import io.iocstream.ingest.PushOrigin;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The planner decides per push whether a payload, the compare API or a whole-tree baseline scan is needed. */
class ScanPlannerTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final String Z = PushEvent.ZERO_SHA;

    @Test
    void firstSightOfARepositoryIsABaselineThenPushesUseTheirPayload() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "package-lock.json"), 1);
            harness.processElement(webhook("acme/app", B, C, false, false, "package-lock.json"), 2);

            List<ScanRequest> out = output(harness);
            assertThat(out).extracting(ScanRequest::mode, ScanRequest::trigger, ScanRequest::seq)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, Trigger.BASELINE, 1L),
                            org.assertj.core.groups.Tuple.tuple(ScanMode.PATHS, Trigger.PUSH, 2L));
            assertThat(out.get(1).paths()).containsExactly("package-lock.json");
        }
    }

    @Test
    void unknownBeforeMeansBaselineEvenForAKnownRepository() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            harness.processElement(webhook("acme/app", C, A, false, false, "x"), 2);
            assertThat(output(harness)).extracting(ScanRequest::mode)
                    .containsExactly(ScanMode.TREE, ScanMode.TREE);
        }
    }

    @Test
    void branchCreateIsABaselineAndBranchDeleteResolvesAtTheOldHead() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            harness.processElement(webhook("acme/app", Z, B, true, false), 2);
            harness.processElement(webhook("acme/app", B, Z, false, true), 3);
            List<ScanRequest> out = output(harness);
            assertThat(out.get(1).mode()).isEqualTo(ScanMode.TREE);
            assertThat(out.get(1).trigger()).isEqualTo(Trigger.BASELINE);
            assertThat(out.get(2).mode()).isEqualTo(ScanMode.DELETE_REF);
            assertThat(out.get(2).commit()).isEqualTo(B);
        }
    }

    @Test
    void aBaselineRequestScansTheTreeOfARefNeverScannedAndOnlyThen() throws Exception {
        try (var harness = harness()) {
            harness.processElement(PushEvent.baseline("b1", "acme/dormant", "refs/heads/main", null), 1);
            harness.processElement(PushEvent.baseline("b2", "acme/dormant", "refs/heads/main", null), 2);
            harness.processElement(PushEvent.baseline("b3", "acme/dormant", "refs/heads/main", A), 3);
            assertThat(output(harness)).singleElement().satisfies(scan -> {
                assertThat(scan.mode()).isEqualTo(ScanMode.TREE);
                assertThat(scan.trigger()).isEqualTo(Trigger.BASELINE);
                assertThat(scan.commit()).as("its head, looked up when the tree is listed").isNull();
                assertThat(scan.seq()).isEqualTo(1);
            });
        }
    }

    @Test
    void aRepositoryEventsBaselineScansTheTreeAgainEvenOfARefScannedBefore() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            harness.processElement(PushEvent.baseline("listed", "acme/app", "refs/heads/main", null), 2);
            // made public: the repository is judged as a worm marker, so its tree is listed at its head again
            harness.processElement(PushEvent.baseline("public", "acme/app", "refs/heads/main", null,
                    new io.iocstream.ingest.PushStamp(null, "octocat", null, "publicized", "Shai-Hulud Migration")),
                    3);
            assertThat(output(harness)).extracting(ScanRequest::mode, ScanRequest::trigger, ScanRequest::commit,
                    ScanRequest::seq).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, Trigger.BASELINE, B, 1L),
                            org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, Trigger.BASELINE, null, 2L));
            assertThat(output(harness).get(1).pushed().description()).isEqualTo("Shai-Hulud Migration");
        }
    }

    @Test
    void aRescanRequestScansTheTreeAgainEvenOfARefScannedBefore() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            harness.processElement(PushEvent.rescan("r", "acme/app", "refs/heads/main", null), 2);
            harness.processElement(PushEvent.rescan("r", "acme/app", "refs/heads/main", B), 3);
            assertThat(output(harness)).extracting(ScanRequest::mode, ScanRequest::commit, ScanRequest::seq)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, B, 1L),
                            org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, null, 2L),
                            org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, B, 3L));
        }
    }

    @Test
    void aListedHeadOlderThanAPushAlreadyScannedIsNotScannedOverIt() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            // listed before the push, arriving after it: its tree would take the ref back to A
            harness.processElement(PushEvent.baseline("b", "acme/app", "refs/heads/main", A), 2);
            harness.processElement(PushEvent.baseline("c", "acme/app", "refs/heads/dev", A), 3);
            harness.processElement(webhook("acme/app", B, C, false, false, "x"), 4);
            assertThat(output(harness)).extracting(ScanRequest::ref, ScanRequest::mode, ScanRequest::commit,
                    ScanRequest::seq).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("refs/heads/main", ScanMode.TREE, B, 1L),
                            org.assertj.core.groups.Tuple.tuple("refs/heads/dev", ScanMode.TREE, A, 1L),
                            org.assertj.core.groups.Tuple.tuple("refs/heads/main", ScanMode.PATHS, C, 2L));
        }
    }

    @Test
    void eventsApiPushesWithAKnownBeforeUseCompare() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            harness.processElement(new PushEvent("1", PushOrigin.EVENTS_API, "acme/app",
                    "refs/heads/main", B, C, false, false, false, null), 2);
            assertThat(output(harness).get(1).mode()).isEqualTo(ScanMode.COMPARE);
        }
    }

    @Test
    void aForcePushRescansTheTree() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            harness.processElement(new PushEvent("2", PushOrigin.WEBHOOK, "acme/app",
                    "refs/heads/main", B, C, false, false, true,
                    List.of(new PushCommit(C, List.of(), List.of(), List.of("a.txt")))), 2);
            ScanRequest forced = output(harness).get(1);
            assertThat(forced.mode()).isEqualTo(ScanMode.TREE);
            assertThat(forced.trigger()).isEqualTo(Trigger.PUSH);
        }
    }

    @Test
    void repositoriesAreTrackedApart() throws Exception {
        try (var harness = harness()) {
            harness.processElement(webhook("acme/one", A, B, false, false, "x"), 1);
            harness.processElement(webhook("acme/two", B, C, false, false, "x"), 2);
            assertThat(output(harness)).extracting(ScanRequest::mode, ScanRequest::seq)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, 1L),
                            org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, 1L));
        }
    }

    @Test
    void knownCommitsSurviveASnapshotAndRestore() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 1);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(snapshot)) {
            restored.processElement(webhook("acme/app", B, C, false, false, "x"), 2);
            ScanRequest next = output(restored).get(0);
            assertThat(next.mode()).isEqualTo(ScanMode.PATHS);
            assertThat(next.seq()).isEqualTo(2);
        }
    }

    /** A push without a ref (which no parser of ours sends) stands for any push the planner fails on. */
    @Test
    void aPushThePlannerFailsOnIsADeadLetterAndTheNextPushIsPlanned() throws Exception {
        try (var harness = harness()) {
            harness.processElement(new PushEvent("1", PushOrigin.WEBHOOK, "acme/app", null, A, B, false, false, false,
                    List.of()), 1);
            harness.processElement(webhook("acme/app", A, B, false, false, "x"), 2);

            assertThat(harness.getSideOutput(DeadLetter.TAG)).extracting(StreamRecord::getValue).singleElement()
                    .satisfies(dead -> {
                        assertThat(dead.stage()).isEqualTo("changes");
                        assertThat(dead.origin()).isEqualTo("acme/app@" + B + " (null)");
                        assertThat(dead.reason()).startsWith("failed with NullPointerException");
                        assertThat(dead.raw()).contains("acme/app");
                    });
            assertThat(output(harness)).extracting(ScanRequest::mode, ScanRequest::seq)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ScanMode.TREE, 1L));
        }
    }

    private static PushEvent webhook(String repo, String before, String after, boolean created,
            boolean deleted, String... modified) {
        List<PushCommit> commits = modified.length == 0 ? List.of()
                : List.of(new PushCommit(after, List.of(), List.of(), List.of(modified)));
        return new PushEvent(before + after, PushOrigin.WEBHOOK, repo, "refs/heads/main",
                before, after, created, deleted, false, commits);
    }

    private static List<ScanRequest> output(OneInputStreamOperatorTestHarness<PushEvent, ScanRequest> harness) {
        return harness.extractOutputValues();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PushEvent, ScanRequest> harness()
            throws Exception {
        return harness(null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PushEvent, ScanRequest> harness(
            org.apache.flink.runtime.checkpoint.OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ScanPlanner()), PushEvent::repo, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }
}
