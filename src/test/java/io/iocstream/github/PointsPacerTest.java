package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The client's pacing inside GitHub's points-per-minute limits, on a clock the test moves. */
class PointsPacerTest {

    @Test
    void aBurstUpToTheBucketGoesAtOnceThenPointsComeAtTheSteadyRate() throws Exception {
        MovingClock clock = new MovingClock(Instant.ofEpochMilli(1_000_000));
        PointsPacer pacer = new PointsPacer(60, Duration.ofMinutes(1), 3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(pacer.waitMillis(1)).isZero();
            pacer.acquire(1);
        }
        // one point a second refills the bucket
        assertThat(pacer.waitMillis(1)).isEqualTo(1_000);
        clock.advance(Duration.ofMillis(400));
        assertThat(pacer.waitMillis(1)).isEqualTo(600);
        clock.advance(Duration.ofMillis(600));
        assertThat(pacer.waitMillis(1)).isZero();
        assertThat(pacer.waitMillis(2)).isEqualTo(1_000);
        // a quiet minute fills the bucket to its burst, no more
        clock.advance(Duration.ofMillis(60_000));
        assertThat(pacer.waitMillis(3)).isZero();
        assertThat(pacer.waitMillis(4)).isZero();  // larger than the bucket: goes once it is full
    }

    @Test
    void aGreedyClientNeverSpendsMoreThanNineTenthsOfGitHubsLimitInAnyMinute() throws Exception {
        MovingClock clock = new MovingClock(Instant.ofEpochMilli(1_000_000));
        PointsPacer pacer = new PointsPacer(PointsPacer.GITHUB_GRAPHQL_POINTS_PER_MINUTE * PointsPacer.SHARE,
                Duration.ofMinutes(1), (int) (PointsPacer.GITHUB_GRAPHQL_POINTS_PER_MINUTE * PointsPacer.BURST),
                clock);
        int[] perMilli = new int[5 * 60_000];
        for (int t = 0; t < perMilli.length; t++, clock.advance(Duration.ofMillis(1))) {
            while (pacer.waitMillis(1) == 0) {
                pacer.acquire(1);
                perMilli[t]++;
            }
        }
        int inWindow = 0;
        int most = 0;
        for (int t = 0; t < perMilli.length; t++) {
            inWindow += perMilli[t] - (t >= 60_000 ? perMilli[t - 60_000] : 0);
            most = Math.max(most, inWindow);
        }
        assertThat(most).isLessThanOrEqualTo(1_800).isGreaterThanOrEqualTo(1_790);
        // and in the last minute it spends its share, evenly: 1,600
        assertThat(inWindow).isBetween(1_599, 1_601);
    }

    @Test
    void itSpendsOnlyItsShareOfGitHubsLimit() {
        PointsPacer pacer = new PointsPacer(PointsPacer.GITHUB_GRAPHQL_POINTS_PER_MINUTE);
        assertThat(pacer.waitMillis(200)).isZero();
        assertThat(pacer.waitMillis(201)).isZero();  // nothing spent yet: even an oversized request goes
    }
}
