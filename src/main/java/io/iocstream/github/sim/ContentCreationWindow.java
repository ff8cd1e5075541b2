package io.iocstream.github.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * GitHub's secondary limits for content creation: a request is taken while every limit holds fewer accepted requests
 * in the window that ends now, else refused with the seconds until one frees. Every content-creating request is
 * recorded with its time and whether it was taken, for tests to count; the simulator itself asserts nothing.
 */
final class ContentCreationWindow {

    /** Whether a request is taken, and if not, how long until it would be. */
    record Admission(boolean accepted, Duration retryAfter) {}

    private final List<ContentCreationLimit> limits;
    private final Duration longest;
    private final Clock clock;
    private final Deque<Instant> accepted = new ArrayDeque<>();
    private final List<ContentRequest> seen = new ArrayList<>();

    ContentCreationWindow(List<ContentCreationLimit> limits, Clock clock) {
        this.limits = List.copyOf(limits);
        this.longest = limits.stream().map(ContentCreationLimit::window).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        this.clock = clock;
    }

    synchronized Admission admit(String kind) {
        Instant now = clock.instant();
        while (!accepted.isEmpty() && !accepted.peekFirst().isAfter(now.minus(longest))) {
            accepted.removeFirst();
        }
        Duration wait = Duration.ZERO;
        for (ContentCreationLimit limit : limits) {
            Instant start = now.minus(limit.window());
            List<Instant> inWindow = accepted.stream().filter(at -> at.isAfter(start)).toList();
            if (inWindow.size() >= limit.requests()) {
                Instant frees = inWindow.get(inWindow.size() - limit.requests()).plus(limit.window());
                Duration until = Duration.between(now, frees);
                wait = until.compareTo(wait) > 0 ? until : wait;
            }
        }
        boolean taken = wait.isZero();
        if (taken) {
            accepted.addLast(now);
        }
        seen.add(new ContentRequest(now, kind, taken));
        return new Admission(taken, wait);
    }

    synchronized List<ContentRequest> seen() {
        return List.copyOf(seen);
    }
}
