package io.iocstream.github;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What GitHub's rate-limit headers last said, per resource ({@code core}, {@code graphql}): how much of the
 * hour's budget is left and when it resets. Requests check it before going out, so a client that has used up
 * its budget waits for the reset instead of collecting 403s.
 */
public final class RateBudget {

    private record Window(long limit, long remaining, long resetEpochSeconds) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Records the headers of one response; absent or malformed headers change nothing. */
    public void update(String resource, String limit, String remaining, String reset) {
        try {
            if (limit != null && remaining != null && reset != null) {
                windows.put(resource == null ? "core" : resource, new Window(Long.parseLong(limit.trim()),
                        Long.parseLong(remaining.trim()), Long.parseLong(reset.trim())));
            }
        } catch (NumberFormatException e) {
            // a proxy that mangles headers must not break fetching; the next good response corrects it
        }
    }

    /** The smallest remaining fraction over the resources seen; 1 before any response. */
    public double left() {
        return windows.values().stream().mapToDouble(w -> w.limit() <= 0 ? 1 : (double) w.remaining() / w.limit())
                .min().orElse(1);
    }

    /** How long a request to {@code resource} must wait now: until the reset when nothing is left, else zero. */
    public Duration waitBefore(String resource, Instant now) {
        Window window = windows.get(resource);
        if (window == null || window.remaining() > 0) {
            return Duration.ZERO;
        }
        Duration untilReset = Duration.between(now, Instant.ofEpochSecond(window.resetEpochSeconds()));
        return untilReset.isNegative() ? Duration.ZERO : untilReset.plusSeconds(1);
    }
}
