package io.iocstream.github.sim;

/** GitHub's primary rate limit: so many requests per window, the window starting at its first request. */
final class RateWindow {

    record Reading(boolean allowed, long used, long remaining, long reset) {}

    private final long limit;
    private final long windowSeconds;
    private long used;
    private long reset;

    RateWindow(long limit, long windowSeconds) {
        this.limit = limit;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one request at {@code now} (epoch seconds). */
    synchronized Reading take(long now) {
        roll(now);
        boolean allowed = used < limit;
        if (allowed) {
            used++;
        }
        return new Reading(allowed, used, limit - used, reset);
    }

    synchronized Reading peek(long now) {
        roll(now);
        return new Reading(used < limit, used, limit - used, reset);
    }

    private void roll(long now) {
        if (reset == 0 || now >= reset) {
            used = 0;
            reset = now + Math.max(1, windowSeconds);
        }
    }
}
