package io.iocstream.github.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's secondary limits in points per minute, per endpoint: the points spent in the last 60 s (a sliding
 * window, the strictest reading of "per minute"), and how long until a refused request would be taken.
 */
final class PointsWindow {

    static final Duration MINUTE = Duration.ofMinutes(1);

    /** Whether a request was taken, and if not how long until it would be. */
    record Admission(boolean accepted, Duration retryAfter) {}

    private record Spent(long atMillis, int points) {}

    private final Clock clock;
    private final Map<String, ArrayDeque<Spent>> spent = new HashMap<>();
    private final Map<String, Integer> inWindow = new HashMap<>();

    PointsWindow(Clock clock) {
        this.clock = clock;
    }

    /** Spends {@code points} of endpoint {@code key}'s {@code limit} a minute, if the last 60 s leave room. */
    synchronized Admission admit(String key, int points, int limit) {
        long now = clock.millis();
        ArrayDeque<Spent> log = spent.computeIfAbsent(key, k -> new ArrayDeque<>());
        int used = inWindow.getOrDefault(key, 0);
        while (!log.isEmpty() && log.peek().atMillis() <= now - MINUTE.toMillis()) {
            used -= log.poll().points();
        }
        if (used + points > limit) {
            // room comes back as the oldest points leave the window
            int needed = used + points - limit;
            long until = now;
            for (Spent s : log) {
                until = s.atMillis() + MINUTE.toMillis();
                needed -= s.points();
                if (needed <= 0) {
                    break;
                }
            }
            inWindow.put(key, used);
            return new Admission(false, Duration.ofMillis(Math.max(0, until - now)));
        }
        log.add(new Spent(now, points));
        inWindow.put(key, used + points);
        return new Admission(true, Duration.ZERO);
    }
}
