package io.iocstream.github.sim;

import java.time.Duration;

/**
 * How the simulator behaves beyond serving the world.
 *
 * @param latencyMs       added to every response
 * @param errorRate       fraction of requests answered 502 or 503
 * @param rateLimit       requests per window before 403 with {@code x-ratelimit-remaining: 0}
 * @param seed            seed of the fault injection, so runs repeat
 * @param rateLimitWindow length of the primary rate-limit window (GitHub: one hour)
 */
public record SimulatorOptions(long latencyMs, double errorRate, int rateLimit, long seed,
        Duration rateLimitWindow) {

    /** High enough that a replay never meets it unless asked to. */
    public static final int UNLIMITED = 1_000_000_000;

    public static SimulatorOptions defaults() {
        return of(0, 0, UNLIMITED);
    }

    public static SimulatorOptions of(long latencyMs, double errorRate, int rateLimit) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, 1, Duration.ofHours(1));
    }
}
