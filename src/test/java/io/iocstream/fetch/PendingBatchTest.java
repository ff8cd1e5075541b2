package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a batch is due and what it takes: by count, by weight, by the oldest request's wait. */
class PendingBatchTest {

    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void aBatchIsDueWhenFullOrWhenItsOldestWaitedLongEnough() {
        PendingBatch<String> pending = new PendingBatch<>();
        assertThat(pending.ready(2, 0)).isFalse();
        assertThat(pending.nanosUntilDue(HOUR)).isEqualTo(Long.MAX_VALUE);
        pending.add("a");
        assertThat(pending.ready(2, HOUR)).isFalse();
        assertThat(pending.ready(2, 0)).isTrue();
        assertThat(pending.nanosUntilDue(HOUR)).isPositive().isLessThanOrEqualTo(HOUR);
        pending.add("b");
        assertThat(pending.ready(2, HOUR)).isTrue();
    }

    @Test
    void takeStopsAtTheCountOrTheWeightButAlwaysTakesOne() {
        PendingBatch<Integer> pending = new PendingBatch<>();
        List.of(5, 5, 5, 20, 1).forEach(pending::add);
        assertThat(pending.take(2, Integer::longValue, 100)).containsExactly(5, 5);
        assertThat(pending.take(10, Integer::longValue, 10)).containsExactly(5);
        // an item heavier than the cap still goes out, alone
        assertThat(pending.take(10, Integer::longValue, 10)).containsExactly(20);
        List<Integer> drained = new ArrayList<>();
        pending.drain(drained::add);
        assertThat(drained).containsExactly(1);
        assertThat(pending.ready(1, 0)).isFalse();
    }
}
