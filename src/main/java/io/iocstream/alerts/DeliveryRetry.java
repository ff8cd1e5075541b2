package io.iocstream.alerts;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a delivery is tried again after a 5xx, a 429 or a connection failure: at most {@code maxAttempts} attempts,
 * waiting {@code initialBackoff} doubled each time up to {@code maxBackoff}, or the receiver's {@code Retry-After}
 * when it says so (up to {@code maxBackoff} as well, so that one receiver cannot hold a checkpoint for hours).
 */
public record DeliveryRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout)
        implements Serializable {

    public static final DeliveryRetry DEFAULTS =
            new DeliveryRetry(6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));

    /** The pause before attempt {@code attempt + 1}, after {@code attempt} failed ones (1 or more). */
    public Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
