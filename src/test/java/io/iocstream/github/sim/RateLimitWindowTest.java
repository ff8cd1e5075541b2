package io.iocstream.github.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RateLimitWindowTest {

    private Instant now = Instant.ofEpochMilli(1_700_000_000_250L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void theBudgetIsSpentThenRefusedUntilTheResetSecond() {
        RateLimitWindow window = new RateLimitWindow(2, Duration.ofHours(1), clock);

        RateLimitWindow.Snapshot first = window.acquire();
        RateLimitWindow.Snapshot second = window.acquire();
        RateLimitWindow.Snapshot third = window.acquire();

        assertThat(first).isEqualTo(new RateLimitWindow.Snapshot(true, 2, 1, 1, 1_700_003_601L));
        assertThat(second.remaining()).isZero();
        assertThat(third.allowed()).isFalse();
        assertThat(third.remaining()).isZero();

        now = Instant.ofEpochSecond(1_700_003_600L).plusMillis(999);
        assertThat(window.acquire().allowed()).isFalse();
        now = Instant.ofEpochSecond(1_700_003_601L);
        RateLimitWindow.Snapshot renewed = window.acquire();
        assertThat(renewed.allowed()).isTrue();
        assertThat(renewed.used()).isEqualTo(1);
        assertThat(renewed.resetEpochSeconds()).isEqualTo(1_700_007_201L);
    }

    @Test
    void peekingSpendsNothing() {
        RateLimitWindow window = new RateLimitWindow(5, Duration.ofSeconds(1), clock);

        window.peek();
        window.peek();

        assertThat(window.acquire().remaining()).isEqualTo(4);
    }
}
