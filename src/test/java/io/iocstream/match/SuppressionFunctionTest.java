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
 * extended suppression holds it on. Nothing is kept once the finding is out again.
 */
class SuppressionFunctionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-07T00:00:00Z");
    private static final Finding CHALK = SuppressionsTest.CHALK;

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
    void aLongerSuppressionHoldsTheFindingOnAndOneWithoutExpiryHoldsNothing() throws Exception {
        Instant later = EXPIRY.plusSeconds(86_400);
        try (var harness = harness(suppressions(
                new SuppressionEntry("MAL-2025-46969", null, null, null, "first look", EXPIRY.toString()),
                new SuppressionEntry(null, null, "acme/*", null, "extended", null)))) {
            harness.setProcessingTime(NOW.toEpochMilli());
            harness.processElement(CHALK, 0);
            harness.setProcessingTime(later.toEpochMilli());
            assertThat(harness.extractOutputValues()).extracting(Finding::status).containsExactly("suppressed");
            assertThat(harness.numKeyedStateEntries()).as("a suppression that never expires holds nothing").isZero();
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
