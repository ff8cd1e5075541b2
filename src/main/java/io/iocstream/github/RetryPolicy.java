package io.iocstream.github;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retrying a request, as GitHub documents it: on 403/429 honour {@code retry-after};
 * else if {@code x-ratelimit-remaining} is 0 wait until {@code x-ratelimit-reset}; else (a secondary limit
 * without hints) back off exponentially from at least a minute. 5xx and connection failures back off
 * exponentially with jitter. Empty means: do not retry.
 */
public final class RetryPolicy {

    private final GitHubClientConfig config;

    public RetryPolicy(GitHubClientConfig config) {
        this.config = config;
    }

    /**
     * @param status       HTTP status, or 0 for a connection failure
     * @param retryAfter   the {@code retry-after} header, or null
     * @param remaining    the {@code x-ratelimit-remaining} header, or null
     * @param reset        the {@code x-ratelimit-reset} header (epoch seconds), or null
     * @param attempt      retries already made for this request
     */
    public Optional<Duration> delayFor(int status, String retryAfter, String remaining, String reset, int attempt,
            Instant now) {
        if (attempt >= config.maxRetries()) {
            return Optional.empty();
        }
        if (status == 403 || status == 429) {
            Long seconds = parse(retryAfter);
            if (seconds != null) {
                return Optional.of(cap(Duration.ofSeconds(Math.max(0, seconds))));
            }
            if ("0".equals(remaining) && parse(reset) != null) {
                Duration untilReset = Duration.between(now, Instant.ofEpochSecond(parse(reset))).plusSeconds(1);
                return Optional.of(cap(untilReset.isNegative() ? Duration.ofSeconds(1) : untilReset));
            }
            if (status == 429 || remaining != null) {
                return Optional.of(cap(exponential(config.secondaryLimitFloor(), attempt)));
            }
            // a 403 with no rate-limit headers at all is a permission error, not a limit
            return Optional.empty();
        }
        if (status == 0 || status >= 500) {
            return Optional.of(cap(exponential(config.initialBackoff(), attempt)));
        }
        return Optional.empty();
    }

    private Duration exponential(Duration base, int attempt) {
        long millis = base.toMillis() << Math.min(attempt, 20);
        // up to half again of jitter keeps retries of many tasks from marching in step
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private Duration cap(Duration wait) {
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static Long parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
