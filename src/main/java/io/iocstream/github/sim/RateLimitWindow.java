package io.iocstream.github.sim;

import java.time.Clock;
import java.time.Duration;

/** GitHub's core rate limit: a budget of requests per window that starts with the first request. */
final class RateLimitWindow {

    /** The state reported in the {@code x-ratelimit-*} headers; {@code allowed} is false once the budget is spent. */
    record Snapshot(boolean allowed, int limit, int remaining, int used, long resetEpochSeconds) {}

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private long resetEpochSeconds = -1;
    private int used;
    private int lowestRemaining;

    RateLimitWindow(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.lowestRemaining = limit;
    }

    /** Spends one request of the budget when any is left. */
    synchronized Snapshot acquire() {
        rollOver();
        if (used >= limit) {
            return snapshot(false);
        }
        used++;
        lowestRemaining = Math.min(lowestRemaining, limit - used);
        return snapshot(true);
    }

    /** The lowest {@code x-ratelimit-remaining} answered in any window so far: how far clients drove the budget. */
    synchronized int lowestRemaining() {
        return lowestRemaining;
    }

    /** The current state without spending anything, as {@code GET /rate_limit} does. */
    synchronized Snapshot peek() {
        rollOver();
        return snapshot(true);
    }

    private void rollOver() {
        long now = clock.millis();
        if (resetEpochSeconds < 0 || now >= resetEpochSeconds * 1000) {
            // the header carries whole seconds, so the window ends on the next full second after its length
            resetEpochSeconds = Math.floorDiv(now + window.toMillis() + 999, 1000);
            used = 0;
        }
    }

    private Snapshot snapshot(boolean allowed) {
        return new Snapshot(allowed, limit, limit - used, used, resetEpochSeconds);
    }
}
