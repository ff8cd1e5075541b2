package io.iocstream.github.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulator's points per minute: a sliding 60 s per endpoint, and the retry-after it answers. */
class PointsWindowTest {

    @Test
    void pointsLeaveTheWindowSixtySecondsAfterTheyWereSpent() {
        MovingClock clock = new MovingClock(Instant.parse("2026-12-06T10:00:00Z"));
        PointsWindow window = new PointsWindow(clock);
        assertThat(window.admit("repos/contents", 1, 2).accepted()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(window.admit("repos/contents", 1, 2).accepted()).isTrue();
        PointsWindow.Admission refused = window.admit("repos/contents", 1, 2);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(50));
        // another endpoint counts apart; a write of 5 points does not fit a limit of 2
        assertThat(window.admit("repos/git/trees", 1, 2).accepted()).isTrue();
        assertThat(window.admit("repos/statuses", 5, 2).accepted()).isFalse();
        clock.advance(Duration.ofSeconds(50));
        assertThat(window.admit("repos/contents", 1, 2).accepted()).isTrue();
        assertThat(window.admit("repos/contents", 1, 2).accepted()).isFalse();
    }
}
