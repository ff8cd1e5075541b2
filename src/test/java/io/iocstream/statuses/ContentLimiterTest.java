package io.iocstream.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limiter's sliding windows, each limit at once, on given times. */
class ContentLimiterTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void aRequestWaitsUntilTheOldestOfTheWindowLeavesIt() {
        ContentLimiter limiter = new ContentLimiter(List.of(new ContentLimit(2, Duration.ofSeconds(10))));
        assertThat(limiter.waitAt(T0)).isZero();
        limiter.sent(T0);
        limiter.sent(T0.plusSeconds(3));
        assertThat(limiter.waitAt(T0.plusSeconds(4))).isEqualTo(Duration.ofSeconds(6));
        assertThat(limiter.waitAt(T0.plusSeconds(10))).isZero();
        limiter.sent(T0.plusSeconds(10));
        assertThat(limiter.waitAt(T0.plusSeconds(11))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theTightestOfSeveralLimitsDecides() {
        ContentLimiter limiter = new ContentLimiter(List.of(new ContentLimit(3, Duration.ofSeconds(1)),
                new ContentLimit(4, Duration.ofSeconds(60))));
        for (int i = 0; i < 3; i++) {
            limiter.sent(T0.plusMillis(i));
        }
        assertThat(limiter.waitAt(T0.plusMillis(10))).isEqualTo(Duration.ofMillis(990));
        limiter.sent(T0.plusSeconds(2));
        // four in the minute: the hour-like window holds until the first leaves it
        assertThat(limiter.waitAt(T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(57));
    }
}
