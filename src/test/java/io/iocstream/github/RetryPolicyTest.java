package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private final RetryPolicy noJitter = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(60), () -> 0.0);
    private final RetryPolicy fullJitter = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(60),
            () -> 0.999_999);

    @Test
    void retryAfterIsHonouredWhateverTheStatus() {
        Headers headers = Headers.of("retry-after", "17", "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 3000));

        assertThat(noJitter.delayFor(403, headers, 0, NOW)).isEqualTo(Duration.ofSeconds(17));
        assertThat(noJitter.delayFor(429, headers, 4, NOW)).isEqualTo(Duration.ofSeconds(17));
        assertThat(noJitter.delayFor(503, Headers.of("retry-after", "3"), 0, NOW)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anExhaustedPrimaryLimitWaitsUntilTheResetPlusAMargin() {
        Headers headers = Headers.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 1234));

        assertThat(noJitter.delayFor(403, headers, 0, NOW)).isEqualTo(Duration.ofSeconds(1235));
        assertThat(noJitter.delayFor(429, headers, 3, NOW.plusMillis(500))).isEqualTo(Duration.ofMillis(1234_500));
    }

    @Test
    void aResetAlreadyPastWaitsOnlyTheMargin() {
        Headers headers = Headers.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(NOW.getEpochSecond() - 5));

        assertThat(noJitter.delayFor(403, headers, 0, NOW)).isEqualTo(RetryPolicy.RESET_MARGIN);
    }

    @Test
    void aSecondaryLimitWithoutHintsWaitsAtLeastAMinuteThenGrowsToTheCap() {
        RetryPolicy patient = new RetryPolicy(Duration.ofMillis(200), Duration.ofMinutes(5), () -> 0.0);
        Headers none = Headers.of("x-ratelimit-remaining", "4000");

        assertThat(patient.delayFor(403, none, 0, NOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(patient.delayFor(429, none, 1, NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(patient.delayFor(403, none, 2, NOW)).isEqualTo(Duration.ofSeconds(240));
        assertThat(patient.delayFor(403, none, 3, NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(patient.delayFor(403, none, 40, NOW)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theSecondaryFloorFollowsALowerCapSoTestsRunFast() {
        RetryPolicy quick = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(500), () -> 0.5);

        assertThat(quick.delayFor(403, Headers.of(), 0, NOW)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitterUpToTheCap() {
        for (int attempt = 0; attempt < 6; attempt++) {
            long base = 200L << attempt;
            assertThat(noJitter.delayFor(502, Headers.of(), attempt, NOW)).isEqualTo(Duration.ofMillis(base / 2));
            assertThat(fullJitter.delayFor(503, Headers.of(), attempt, NOW).toMillis()).isBetween(base - 1, base);
        }
        assertThat(fullJitter.delayFor(500, Headers.of(), 20, NOW).toMillis()).isBetween(59_999L, 60_000L);
        assertThat(fullJitter.delayFor(500, Headers.of(), 1_000, NOW).toMillis()).isBetween(59_999L, 60_000L);
    }

    @Test
    void ioErrorsBackOffLikeServerErrors() {
        assertThat(noJitter.delayForIoError(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(noJitter.delayForIoError(3)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void onlyServerErrorsAndRateLimitsAreRetryable() {
        assertThat(RetryPolicy.isRetryable(500, Headers.of(), null)).isTrue();
        assertThat(RetryPolicy.isRetryable(502, Headers.of(), null)).isTrue();
        assertThat(RetryPolicy.isRetryable(429, Headers.of(), null)).isTrue();
        assertThat(RetryPolicy.isRetryable(403, Headers.of("retry-after", "5"), null)).isTrue();
        assertThat(RetryPolicy.isRetryable(403, Headers.of("x-ratelimit-remaining", "0"), null)).isTrue();
        assertThat(RetryPolicy.isRetryable(403, Headers.of(), "You have exceeded a secondary rate limit")).isTrue();
        assertThat(RetryPolicy.isRetryable(403, Headers.of("x-ratelimit-remaining", "12"), "Must have admin rights"))
                .isFalse();
        assertThat(RetryPolicy.isRetryable(404, Headers.of(), null)).isFalse();
        assertThat(RetryPolicy.isRetryable(422, Headers.of(), null)).isFalse();
        assertThat(RetryPolicy.isRetryable(401, Headers.of(), "Bad credentials")).isFalse();
    }
}
