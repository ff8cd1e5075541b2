package io.iocstream.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The throttle's levels and hysteresis, and its pause, in an operator harness with a scripted probe. */
class MemoryThrottleTest {

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
        ScriptedProbe.set(0);
        // the level is the task manager's: leave it as other tests in this JVM expect to find it
        TaskManagerMemory.publish(PressureLevel.NORMAL);
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
        "NORMAL, 0.50, NORMAL",
        "NORMAL, 0.80, WARNING",
        "NORMAL, 0.95, CRITICAL",
        "WARNING, 0.78, WARNING",    // within the hysteresis band: stays
        "WARNING, 0.74, NORMAL",
        "WARNING, 0.90, CRITICAL",
        "CRITICAL, 0.85, CRITICAL",  // must fall below warning to resume
        "CRITICAL, 0.79, WARNING",
        "CRITICAL, 0.10, WARNING",   // one step at a time: the next reading decides about normal
    })
    void levelsMoveWithHysteresis(PressureLevel from, double pressure, PressureLevel to) {
        assertThat(PressureLevel.next(from, pressure, ScriptedProbe.settings(true))).isEqualTo(to);
    }

    @Test
    void belowCriticalEverythingPassesAndWarningIsPublished() throws Exception {
        try (var harness = harness(true)) {
            ScriptedProbe.set(0.5);
            harness.processElement(1, 0);
            assertThat(TaskManagerMemory.level()).isEqualTo(PressureLevel.NORMAL);
            ScriptedProbe.set(0.85);
            harness.processElement(2, 0);
            assertThat(TaskManagerMemory.level()).isEqualTo(PressureLevel.WARNING);
            assertThat(harness.extractOutputValues()).containsExactly(1, 2);
        }
    }

    @Test
    void atCriticalItHoldsTheRecordUntilPressureFallsBelowWarning() throws Exception {
        try (var harness = harness(true)) {
            long pausesBefore = TaskManagerMemory.pauses();
            ScriptedProbe.set(0.95);
            long readsBefore = ScriptedProbe.READS.get();
            later.schedule(() -> ScriptedProbe.set(0.85), 150, TimeUnit.MILLISECONDS);
            later.schedule(() -> ScriptedProbe.set(0.70), 400, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();

            harness.processElement(7, 0);

            long heldMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(heldMillis).as("0.85 is below critical but not below warning").isGreaterThanOrEqualTo(390);
            assertThat(harness.extractOutputValues()).containsExactly(7);
            assertThat(TaskManagerMemory.pauses() - pausesBefore).isEqualTo(1);
            // it polls every 10 ms while paused: it neither spins nor sleeps through the release
            assertThat(ScriptedProbe.READS.get() - readsBefore).isBetween(10L, 200L);
        }
    }

    @Test
    void disabledItNeverHoldsAnything() throws Exception {
        try (var harness = harness(false)) {
            ScriptedProbe.set(0.99);
            harness.processElement(1, 0);
            assertThat(harness.extractOutputValues()).containsExactly(1);
        }
    }

    private static OneInputStreamOperatorTestHarness<Integer, Integer> harness(boolean enabled) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<Integer, Integer>(
                new MemoryThrottle<>(ScriptedProbe.settings(enabled)), Types.INT.createSerializer(
                        new org.apache.flink.api.common.serialization.SerializerConfigImpl()));
        harness.open();
        return harness;
    }
}
