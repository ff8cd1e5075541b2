package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.DeadLetter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Two feed sources joined: their updates pass, the initial load is announced once both have loaded. */
class FeedLoadBarrierTest {

    private static final FeedUpdate DEAD = FeedUpdate.deadLetter(new DeadLetter("feed", "a.txt:1", "bad", "x"));

    @Test
    void theInitialLoadIsAnnouncedOnceEverySourceHasLoaded() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(DEAD, 0);
            harness.processElement(FeedUpdate.initialLoadDone(), 0);
            assertThat(harness.extractOutputValues()).containsExactly(DEAD);

            harness.processElement(FeedUpdate.initialLoadDone(), 0);
            assertThat(harness.extractOutputValues()).containsExactly(DEAD, FeedUpdate.initialLoadDone());
        }
    }

    @Test
    void aRestoreRemembersWhichLoadsWereAnnounced() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(FeedUpdate.initialLoadDone(), 0);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(FeedUpdate.initialLoadDone(), 0);
            assertThat(restored.extractOutputValues()).containsExactly(FeedUpdate.initialLoadDone());
        }
    }

    private static OneInputStreamOperatorTestHarness<FeedUpdate, FeedUpdate> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new FeedLoadBarrier(2)));
    }
}
