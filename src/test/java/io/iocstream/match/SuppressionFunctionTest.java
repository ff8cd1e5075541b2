package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The suppression stage on Flink's keyed harness, whose processing time the test sets: a covered finding is emitted
 * suppressed, re-opens as open when the suppression expires, lets go of what it held when resolved first, and an
 * extended suppression holds it on; a held finding is judged again every re-check interval, so a restore with a
 * smaller set re-opens what it no longer covers. Nothing is kept once the finding is out again.
 */
class SuppressionFunctionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-07T00:00:00Z");
    private static final Finding CHALK = SuppressionsTest.CHALK;
    private static final java.time.Duration RECHECK = java.time.Duration.ofMinutes(5);

    @Test
    void aCoveredFindingIsSuppressedAndReopensWhenTheSuppressionExpires() throws Exception {
        try (var harness = harness(suppressions(new SuppressionEntry("MAL-2025-46969", null, null, null,
                "fixture", EXPIRY.toString())))) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            assertThat(statuses(harness)).containsExactly(tuple("suppressed", CHALK.findingId(), CHALK.detectedAt()));
            assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

            harness.setProcessingTime(EXPIRY.toEpochMilli() - 1);
            assertThat(harness.extractOutputValues()).hasSize(1);
            harness.setProcessingTime(EXPIRY.toEpochMilli());
            assertThat(statuses(harness)).containsExactly(
                    tuple("suppressed", CHALK.findingId(), CHALK.detectedAt()),
                    tuple("open", CHALK.findingId(), EXPIRY.toString()));
            Finding reopened = harness.extractOutputValues().get(1);
            assertThat(reopened).usingRecursiveComparison().ignoringFields("status", "detectedAt").isEqualTo(CHALK);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aFindingNotCoveredAndEveryResolvedLinePassUnchanged() throws Exception {
        try (var harness = harness(suppressions(new SuppressionEntry("MAL-2025-46969", null, "other/*", null,
                "elsewhere", null)))) {
            harness.setProcessingTime(NOW.toEpochMilli());
            Finding resolved = SuppressionFunction.withStatus(CHALK, FindingStatus.RESOLVED, null);
            harness.processElement(CHALK, 0);
            harness.processElement(resolved, 0);
            assertThat(harness.extractOutputValues()).containsExactly(CHALK, resolved);
        }
    }

    @Test
    void aFindingResolvedWhileSuppressedIsNotReopened() throws Exception {
        try (var harness = harness(suppressions(new SuppressionEntry(null, CHALK.findingId(), null, null,
                "triaged", EXPIRY.toString())))) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            harness.processElement(SuppressionFunction.withStatus(CHALK, FindingStatus.RESOLVED, null), 0);
            harness.setProcessingTime(EXPIRY.toEpochMilli() + 1);
            assertThat(harness.extractOutputValues()).extracting(Finding::status)
                    .containsExactly("suppressed", "resolved");
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aLongerSuppressionHoldsTheFindingOnAndOneWithoutExpiryHoldsItForTheRecheck() throws Exception {
        Instant later = EXPIRY.plusSeconds(86_400);
        try (var harness = harness(suppressions(
                new SuppressionEntry("MAL-2025-46969", null, null, null, "first look", EXPIRY.toString()),
                new SuppressionEntry(null, null, "acme/*", null, "extended", null)))) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            harness.setProcessingTime(later.toEpochMilli());
            assertThat(harness.extractOutputValues()).extracting(Finding::status).containsExactly("suppressed");
            // held, with its one timer at the next re-check, so that removing the suppression re-opens it
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
            assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        }
        try (var harness = harness(suppressions(
                new SuppressionEntry("MAL-2025-46969", null, null, null, "short", EXPIRY.toString()),
                new SuppressionEntry(null, CHALK.findingId(), null, null, "longer", later.toString())))) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            harness.setProcessingTime(EXPIRY.toEpochMilli());
            assertThat(harness.extractOutputValues()).extracting(Finding::status).containsExactly("suppressed");
            harness.setProcessingTime(later.toEpochMilli());
            assertThat(harness.extractOutputValues()).extracting(Finding::status)
                    .containsExactly("suppressed", "open");
        }
    }

    @Test
    void aHeldFindingIsJudgedAgainEveryRecheckIntervalWithOneTimerAtATime() throws Exception {
        Suppressions set = suppressions(new SuppressionEntry("MAL-2025-46969", null, null, null, "fixture",
                EXPIRY.toString())).withRecheck(RECHECK);
        try (var harness = harness(set)) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            assertThat(harness.getProcessingTimeService().getCurrentProcessingTime()).isEqualTo(NOW.toEpochMilli());
            for (int check = 1; check <= 3; check++) {
                harness.setProcessingTime(NOW.plus(RECHECK.multipliedBy(check)).toEpochMilli());
                assertThat(harness.numProcessingTimeTimers()).as("after check %d", check).isEqualTo(1);
            }
            assertThat(harness.extractOutputValues()).extracting(Finding::status).containsExactly("suppressed");
            // the last check before the expiry sets its timer at the expiry, not past it
            harness.setProcessingTime(EXPIRY.toEpochMilli());
            assertThat(statuses(harness)).containsExactly(
                    tuple("suppressed", CHALK.findingId(), CHALK.detectedAt()),
                    tuple("open", CHALK.findingId(), EXPIRY.toString()));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    /**
     * A restart with a smaller set: of three findings held, the one whose suppression (without expiry) was removed
     * and the one whose suppression was shortened to the past re-open within one re-check interval, once; the one
     * whose suppression was kept stays suppressed and is not written again.
     */
    @Test
    void aRestoreWithASmallerSetReopensWhatItNoLongerCoversWithinTheIntervalAndNothingTwice() throws Exception {
        Finding debug = other("MAL-2025-46974", "debug");
        Finding kept = other("MAL-2025-47141", "@ctrl/tinycolor");
        SuppressionEntry removed = new SuppressionEntry("MAL-2025-46969", null, null, null, "fixture", null);
        SuppressionEntry keptOne = new SuppressionEntry("MAL-2025-47141", null, null, null, "vendored", null);
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var harness = harness(suppressions(removed, keptOne,
                new SuppressionEntry("MAL-2025-46974", null, null, null, "triage", EXPIRY.toString()))
                .withRecheck(RECHECK))) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            harness.processElement(debug, 0);
            harness.processElement(kept, 0);
            assertThat(harness.extractOutputValues()).extracting(Finding::status).containsOnly("suppressed")
                    .hasSize(3);
            snapshot = harness.snapshot(1, NOW.toEpochMilli());
        }
        Instant restart = NOW.plusSeconds(3_600);
        Suppressions smaller = suppressions(keptOne,
                new SuppressionEntry("MAL-2025-46974", null, null, null, "triage, shortened", NOW.toString()))
                .withRecheck(RECHECK);
        try (var restored = unopened(smaller)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            // the job was down an hour: the timers due meanwhile fire at once, each judged against the new set
            restored.setProcessingTime(restart.toEpochMilli());
            restored.setProcessingTime(restart.plus(RECHECK).toEpochMilli());
            assertThat(restored.extractOutputValues()).extracting(Finding::status, Finding::findingId)
                    .containsExactlyInAnyOrder(tuple("open", CHALK.findingId()), tuple("open", debug.findingId()));
            restored.setProcessingTime(EXPIRY.plusSeconds(86_400).toEpochMilli());
            assertThat(restored.extractOutputValues()).as("nothing twice, the kept one never").hasSize(2);
            assertThat(restored.numProcessingTimeTimers()).as("the kept one's re-check").isEqualTo(1);
        }
    }

    /** The real OSV entries' ids, on another package of the same repository and path. */
    private static Finding other(String iocId, String pkg) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(CHALK);
        node.put("finding_id", CHALK.findingId().substring(0, 24) + String.format("%08x", pkg.hashCode()));
        node.put("package", pkg);
        node.putArray("ioc_ids").add(iocId);
        return json.treeToValue(node, Finding.class);
    }

    @Test
    void whatIsHeldSurvivesARestoreAndReopensAfterIt() throws Exception {
        Suppressions set = suppressions(new SuppressionEntry("MAL-2025-46969", null, null, null, "fixture",
                EXPIRY.toString()));
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var harness = harness(set)) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            snapshot = harness.snapshot(1, NOW.toEpochMilli());
        }
        try (var restored = unopened(set)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(EXPIRY.toEpochMilli());
            assertThat(restored.extractOutputValues()).extracting(Finding::status, Finding::findingId)
                    .containsExactly(tuple("open", CHALK.findingId()));
        }
    }

    private static List<org.assertj.core.groups.Tuple> statuses(
            KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> harness) {
        return harness.extractOutputValues().stream()
                .map(f -> tuple(f.status(), f.findingId(), f.detectedAt())).toList();
    }

    private static Suppressions suppressions(SuppressionEntry... entries) {
        return Suppressions.of(List.of(entries));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> harness(Suppressions set)
            throws Exception {
        var harness = unopened(set);
        harness.open();
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> unopened(Suppressions set)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SuppressionFunction(set)), Finding::findingId, Types.STRING);
    }
}
