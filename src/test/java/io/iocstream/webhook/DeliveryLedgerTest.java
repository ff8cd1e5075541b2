package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The delivery ids remembered: claimed, stored or released, forgotten past the window or the bound. */
class DeliveryLedgerTest {

    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final DeliveryLedger ledger = new DeliveryLedger(Duration.ofHours(72), 3, clock);

    @Test
    void aStoredDeliveryIsADuplicateAfterwards() {
        assertThat(ledger.claim("a")).isEqualTo(DeliveryLedger.Claim.NEW);
        assertThat(ledger.claim("a")).as("while it is written").isEqualTo(DeliveryLedger.Claim.IN_FLIGHT);
        ledger.stored("a", clock.instant());
        assertThat(ledger.claim("a")).isEqualTo(DeliveryLedger.Claim.STORED);
    }

    @Test
    void aFailedWriteMayComeAgain() {
        assertThat(ledger.claim("a")).isEqualTo(DeliveryLedger.Claim.NEW);
        ledger.release("a");
        assertThat(ledger.claim("a")).isEqualTo(DeliveryLedger.Claim.NEW);
    }

    @Test
    void anIdRecalledFromTheTopicIsStored() {
        ledger.stored("b", clock.instant().minus(Duration.ofHours(1)));
        assertThat(ledger.claim("b")).isEqualTo(DeliveryLedger.Claim.STORED);
        ledger.stored("old", clock.instant().minus(Duration.ofHours(73)));
        assertThat(ledger.claim("old")).as("older than the window").isEqualTo(DeliveryLedger.Claim.NEW);
    }

    @Test
    void idsPastTheWindowOrTheBoundAreForgotten() {
        ledger.claim("a");
        ledger.stored("a", clock.instant());
        clock.advance(Duration.ofHours(73));
        assertThat(ledger.claim("a")).isEqualTo(DeliveryLedger.Claim.NEW);
        for (String id : new String[] {"b", "c", "d", "e"}) {
            ledger.claim(id);
            ledger.stored(id, clock.instant());
        }
        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.claim("e")).isEqualTo(DeliveryLedger.Claim.STORED);
    }
}
