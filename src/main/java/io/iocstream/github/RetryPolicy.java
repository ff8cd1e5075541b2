package io.iocstream.github;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.Headers;

/**
 * Which GitHub answers are worth another attempt, and how long to wait first. GitHub's rules: honour
 * {@code retry-after}; else when {@code x-ratelimit-remaining} is 0 wait until {@code x-ratelimit-reset}; else a
 * secondary rate limit wants an exponential backoff from at least a minute; 5xx and I/O errors back off
 * exponentially with jitter. Pure apart from the jitter source, which tests fix.
 */
public final class RetryPolicy {

    /** GitHub asks for at least this long after a secondary rate limit that gives no hint. */
    public static final Duration SECONDARY_LIMIT_FLOOR = Duration.ofSeconds(60);
    /** Added to a reset time: the header has whole seconds and clocks drift. */
    public static final Duration RESET_MARGIN = Duration.ofSeconds(1);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration secondaryFloor;
    private final DoubleSupplier jitter;

    /**
     * @param jitter values in [0, 1) that spread concurrent retries apart
     */
    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, DoubleSupplier jitter) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        // GitHub's minute, unless the caller caps every backoff lower (tests, impatient tools)
        this.secondaryFloor = max(initialBackoff, min(SECONDARY_LIMIT_FLOOR, maxBackoff));
        this.jitter = jitter;
    }

    public static RetryPolicy of(GitHubClientConfig config) {
        return new RetryPolicy(config.initialBackoff(), config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * True for answers another attempt may cure: 5xx, 429, and a 403 that is a rate limit (it carries
     * {@code retry-after}, {@code x-ratelimit-remaining: 0}, or says "rate limit"). A plain 403 is a permission
     * problem and is final.
     */
    public static boolean isRetryable(int status, Headers headers, String message) {
        if (status >= 500 || status == 429) {
            return true;
        }
        if (status != 403) {
            return false;
        }
        return headers.get("retry-after") != null
                || "0".equals(headers.get("x-ratelimit-remaining"))
                || (message != null && message.toLowerCase(Locale.ROOT).contains("rate limit"));
    }

    /**
     * True for GitHub's answer to a request it abandoned at its time limit: a 502 or 504 (or, for GraphQL, errors
     * without data) whose message speaks of a timeout, as "Something went wrong while executing your query. This may
     * be the result of a timeout..." and "We couldn't respond to your request in time" do.
     */
    public static boolean isTimeout(int status, String message) {
        if (status != 200 && status != 502 && status != 504 || message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("timeout") || text.contains("time-out") || text.contains("in time");
    }

    /**
     * The wait before retry number {@code attempt + 1} of a request that got {@code status}.
     *
     * @param attempt 0 for the first attempt's answer, 1 for the first retry's, ...
     */
    public Duration delayFor(int status, Headers headers, int attempt, Instant now) {
        Long retryAfter = parseLong(headers.get("retry-after"));
        if (retryAfter != null && retryAfter >= 0) {
            return Duration.ofSeconds(retryAfter);
        }
        if (status == 403 || status == 429) {
            Long reset = parseLong(headers.get("x-ratelimit-reset"));
            if ("0".equals(headers.get("x-ratelimit-remaining")) && reset != null) {
                Duration untilReset = Duration.between(now, Instant.ofEpochSecond(reset));
                return max(Duration.ZERO, untilReset).plus(RESET_MARGIN);
            }
            // a secondary limit without hints: never retry sooner than the floor
            Duration base = exponential(secondaryFloor, attempt);
            return min(maxBackoff, base.plus(scale(base, 0.25 * jitter.getAsDouble())));
        }
        return jittered(exponential(initialBackoff, attempt));
    }

    /** The wait before retrying after a connection failure, timeout or broken answer. */
    public Duration delayForIoError(int attempt) {
        return jittered(exponential(initialBackoff, attempt));
    }

    private Duration exponential(Duration start, int attempt) {
        if (attempt >= 30) {
            return maxBackoff;
        }
        long millis = start.toMillis() << attempt;
        return min(maxBackoff, Duration.ofMillis(millis < 0 ? Long.MAX_VALUE : millis));
    }

    // "equal jitter": between half and all of the base, so waits still grow but concurrent callers spread out
    private Duration jittered(Duration base) {
        return scale(base, 0.5).plus(scale(base, 0.5 * jitter.getAsDouble()));
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis((long) (d.toMillis() * factor));
    }

    /** A header's whole number, or null when it is absent or not one. */
    static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
