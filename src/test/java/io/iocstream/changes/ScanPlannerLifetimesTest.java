package io.iocstream.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.ingest.PushCommit;
import io.iocstream.ingest.PushEvent;
import io.iocstream.ingest.PushOrigin;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The planner's side of a ref's life: a ref not pushed for the branch lifetime expires (the matcher is told), a
 * default branch never does, an ended ref's number is remembered a day and then forgotten, and a ref it does not
 * know is scanned whole. Its per-ref state returns to what the repository alone keeps.
 */
class ScanPlannerLifetimesTest {

    private static final Duration TTL = Duration.ofDays(90);
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final String Z = PushEvent.ZERO_SHA;

    @Test
    void aBranchNotPushedForItsLifetimeExpiresAndTheDefaultBranchNever() throws Exception {
        try (var harness = harness()) {
            harness.processElement(push("refs/heads/main", Z, A, true, false), 0);
            int repositoryOnly = harness.numKeyedStateEntries();
            harness.processElement(push("refs/heads/feature", Z, A, true, false), 0);
            harness.processElement(push("refs/heads/feature", A, B, false, false), 0);
            harness.processElement(push("refs/tags/v1", Z, A, true, false), 0);

            harness.setProcessingTime(TTL.toMillis() - 1);
            assertThat(harness.extractOutputValues()).noneMatch(scan -> scan.mode() == ScanMode.EXPIRE_REF);
            harness.setProcessingTime(TTL.toMillis());

            assertThat(harness.extractOutputValues()).filteredOn(scan -> scan.mode() == ScanMode.EXPIRE_REF)
                    .extracting(ScanRequest::ref, ScanRequest::seq)
                    .containsExactlyInAnyOrder(tuple("refs/heads/feature", 3L), tuple("refs/tags/v1", 2L));
            // what is left of the ended refs is their number, for a day
            harness.setProcessingTime(TTL.toMillis() + DAY + 1);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(repositoryOnly);
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aPushPutsItsBranchsExpiryOff() throws Exception {
        try (var harness = harness()) {
            harness.processElement(push("refs/heads/feature", Z, A, true, false), 0);
            harness.setProcessingTime(TTL.toMillis() / 2);
            harness.processElement(push("refs/heads/feature", A, B, false, false), 0);
            harness.setProcessingTime(TTL.toMillis());
            assertThat(harness.extractOutputValues()).noneMatch(scan -> scan.mode() == ScanMode.EXPIRE_REF);

            harness.setProcessingTime(TTL.toMillis() / 2 + TTL.toMillis());
            assertThat(harness.extractOutputValues()).filteredOn(scan -> scan.mode() == ScanMode.EXPIRE_REF)
                    .hasSize(1);
        }
    }

    @Test
    void anExpiredBranchPushedAgainIsScannedWholeAndNumberedOn() throws Exception {
        try (var harness = harness()) {
            harness.processElement(push("refs/heads/feature", Z, A, true, false), 0);
            harness.setProcessingTime(TTL.toMillis());
            // the branch's before is a commit the repository knows, but its inventory is gone
            harness.processElement(push("refs/heads/feature", A, B, false, false), TTL.toMillis());

            assertThat(harness.extractOutputValues()).extracting(ScanRequest::mode, ScanRequest::seq)
                    .containsExactly(tuple(ScanMode.TREE, 1L), tuple(ScanMode.EXPIRE_REF, 2L), tuple(ScanMode.TREE, 3L));
        }
    }

    @Test
    void aDeletedRefIsForgottenAndNumberedOnIfCreatedAgainWithinADay() throws Exception {
        try (var harness = harness()) {
            harness.processElement(push("refs/heads/main", Z, A, true, false), 0);
            int repositoryOnly = harness.numKeyedStateEntries();
            harness.processElement(push("refs/heads/feature", Z, A, true, false), 0);
            harness.processElement(push("refs/heads/feature", A, Z, false, true), 0);
            harness.processElement(push("refs/heads/feature", Z, B, true, false), 0);
            harness.processElement(push("refs/heads/feature", B, Z, false, true), 0);
            harness.setProcessingTime(DAY);
            harness.processElement(push("refs/heads/feature", Z, C, true, false), DAY);

            assertThat(harness.extractOutputValues()).filteredOn(scan -> scan.ref().equals("refs/heads/feature"))
                    .extracting(ScanRequest::mode, ScanRequest::seq)
                    .containsExactly(tuple(ScanMode.TREE, 1L), tuple(ScanMode.DELETE_REF, 2L),
                            tuple(ScanMode.TREE, 3L), tuple(ScanMode.DELETE_REF, 4L), tuple(ScanMode.TREE, 1L));
            harness.processElement(push("refs/heads/feature", C, Z, false, true), DAY);
            harness.setProcessingTime(2 * DAY);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(repositoryOnly);
        }
    }

    private static PushEvent push(String ref, String before, String after, boolean created, boolean deleted) {
        List<PushCommit> commits = deleted ? List.of()
                : List.of(new PushCommit(after, List.of(), List.of(), List.of("package-lock.json")));
        return new PushEvent(ref + before + after, PushOrigin.WEBHOOK, "acme/app", ref, before, after, created,
                deleted, false, commits);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PushEvent, ScanRequest> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ScanPlanner(new BranchLifetimes(TTL, Set.of("main")))), PushEvent::repo,
                Types.STRING);
        harness.open();
        return harness;
    }
}
