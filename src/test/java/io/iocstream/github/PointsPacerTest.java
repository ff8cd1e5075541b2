package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The client's pacing inside GitHub's points-per-minute limits, on a clock the test moves. */
class PointsPacerTest {

    private static final class MovingClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void aBurstWithinTheAllowanceGoesAtOnceAndThePointPastItWaitsForTheWindow() throws Exception {
        MovingClock clock = new MovingClock();
        PointsPacer pacer = new PointsPacer(3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(pacer.waitMillis(1)).isZero();
            pacer.acquire(1);
            clock.millis += 1_000;
        }
        // the first point was spent 3 s ago: it leaves the window in 57 s
        assertThat(pacer.waitMillis(1)).isEqualTo(57_000);
        clock.millis += 57_000;
        assertThat(pacer.waitMillis(1)).isZero();
        assertThat(pacer.waitMillis(2)).isEqualTo(1_000);
    }

    @Test
    void itSpendsOnlyItsShareOfGitHubsLimit() {
        PointsPacer pacer = new PointsPacer(PointsPacer.GITHUB_GRAPHQL_POINTS_PER_MINUTE);
        assertThat(pacer.waitMillis(1600)).isZero();
        assertThat(pacer.waitMillis(1601)).isZero();  // nothing spent yet: even an oversized request goes
    }
}
