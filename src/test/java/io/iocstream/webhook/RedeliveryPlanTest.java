package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.HookDelivery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which deliveries are asked for again: per event, only what never succeeded, recent and not tried too often. */
class RedeliveryPlanTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aFailedEventIsAskedForOnceAtItsNewestAttempt() {
        RedeliveryPlan plan = RedeliveryPlan.of(List.of(
                delivery(3, "g1", "11:30", 503, true), delivery(1, "g1", "11:00", 0, false)), NOW.minusSeconds(7200), 5);
        assertThat(plan.redeliver()).extracting(HookDelivery::id).containsExactly(3L);
        assertThat(plan.failedEvents()).isEqualTo(1);
    }

    @Test
    void anEventDeliveredSinceIsLeftAlone() {
        RedeliveryPlan plan = RedeliveryPlan.of(List.of(
                delivery(2, "g1", "11:30", 202, true), delivery(1, "g1", "11:00", 503, false)), NOW.minusSeconds(7200), 5);
        assertThat(plan.redeliver()).isEmpty();
        assertThat(plan.failedEvents()).isZero();
    }

    @Test
    void oldOrOftenTriedEventsAreNotAskedFor() {
        RedeliveryPlan plan = RedeliveryPlan.of(List.of(
                delivery(4, "g2", "11:50", 500, true), delivery(3, "g2", "11:40", 500, true),
                delivery(2, "g1", "08:00", 503, false), delivery(1, "g2", "11:30", 500, false)),
                NOW.minusSeconds(3600), 3);
        assertThat(plan.redeliver()).isEmpty();
        assertThat(plan.failedEvents()).isEqualTo(2);
        assertThat(plan.givenUp()).isEqualTo(1);
    }

    private static HookDelivery delivery(long id, String guid, String time, int status, boolean redelivery) {
        return new HookDelivery(id, guid, Instant.parse("2026-12-01T" + time + ":00Z"), redelivery,
                status == 0 ? "timed out" : "Invalid HTTP Response: " + status, status, "push", null);
    }
}
