package io.iocstream.github;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What GitHub's rate-limit headers last said, per resource ({@code core}, {@code graphql}), and how much of it this
 * client may spend: at most {@code share} of each window ({@code x-ratelimit-limit} × share), the rest being left to
 * other automation on the same token or App. Requests reserve their place before going out and settle when
 * answered, so concurrent requests cannot overrun the share between two answers; once the share is spent, requests
 * wait for the window's reset instead of spending what others need (or collecting 403s). Thread-safe.
 */
public final class RateBudget {

    /** How long a request waits when only requests still in flight stand in its way: they may fail unanswered. */
    static final Duration IN_FLIGHT_POLL = Duration.ofMillis(50);
    /** Added to a reset time: the header has whole seconds and clocks drift. */
    private static final Duration RESET_MARGIN = Duration.ofSeconds(1);

    private record Window(long limit, long remaining, long resetEpochSeconds) {}

    private final double share;
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();

    /** @param share the most of each window to spend, in (0, 1] */
    public RateBudget(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within (0, 1], was " + share);
        }
        this.share = share;
    }

    /** Records the headers of one response; absent or malformed headers change nothing. */
    public synchronized void update(String resource, String limit, String remaining, String reset) {
        Window now;
        try {
            if (limit == null || remaining == null || reset == null) {
                return;
            }
            now = new Window(Long.parseLong(limit.trim()), Long.parseLong(remaining.trim()),
                    Long.parseLong(reset.trim()));
        } catch (NumberFormatException e) {
            // a proxy that mangles headers must not break fetching; the next good response corrects it
            return;
        }
        String key = resource == null ? "core" : resource;
        Window known = windows.get(key);
        // answers overtake each other: within one window the lowest count is the latest, and an older window is over
        if (known != null && (now.resetEpochSeconds() < known.resetEpochSeconds()
                || now.resetEpochSeconds() == known.resetEpochSeconds() && now.remaining() > known.remaining())) {
            return;
        }
        windows.put(key, now);
    }

    /** The smallest fraction of this client's share still left, over the resources seen; 1 before any response. */
    public synchronized double left() {
        double left = 1;
        for (Window w : windows.values()) {
            long allowance = w.limit() - reserve(w);
            if (allowance > 0) {
                left = Math.min(left, Math.max(0, (double) (w.remaining() - reserve(w)) / allowance));
            }
        }
        return left;
    }

    /**
     * How many more requests this client's share allows now, over the resources seen (those in flight counted as
     * spent); {@link Long#MAX_VALUE} before any answer.
     */
    public synchronized long requestsLeft(Instant now) {
        long left = Long.MAX_VALUE;
        for (Map.Entry<String, Window> entry : windows.entrySet()) {
            Window w = entry.getValue();
            long remaining = now.isBefore(resetOf(w)) ? w.remaining() : w.limit();
            left = Math.min(left, Math.max(0, remaining - reserve(w) - inFlight.getOrDefault(entry.getKey(), 0)));
        }
        return left;
    }

    /**
     * Asks to send one request to {@code resource} now. Zero means it may go, and it counts against the share until
     * {@link #settle}; otherwise the caller waits the time returned and asks again: until the reset when the share
     * of the window is spent, briefly when only requests still in flight hold the rest.
     */
    public synchronized Duration reserve(String resource, Instant now) {
        Window window = windows.get(resource);
        int pending = inFlight.getOrDefault(resource, 0);
        if (window != null && !now.isBefore(resetOf(window))) {
            // the window has reset: its whole limit is back until an answer says otherwise
            window = new Window(window.limit(), window.limit(), window.resetEpochSeconds());
        }
        if (window == null || window.remaining() - pending > reserve(window)) {
            inFlight.put(resource, pending + 1);
            return Duration.ZERO;
        }
        if (window.remaining() > reserve(window)) {
            return IN_FLIGHT_POLL;
        }
        return Duration.between(now, resetOf(window));
    }

    private static Instant resetOf(Window window) {
        return Instant.ofEpochSecond(window.resetEpochSeconds()).plus(RESET_MARGIN);
    }

    /** A request {@link #reserve reserved} was answered or failed. */
    public synchronized void settle(String resource) {
        inFlight.merge(resource, -1, (a, b) -> a + b <= 0 ? null : a + b);
    }

    /** What this client must leave of the window: the limit less its share, rounded in the others' favour. */
    private long reserve(Window window) {
        return window.limit() - (long) Math.floor(window.limit() * share);
    }
}
