package io.iocstream.statuses;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps content-creating requests within every one of its {@link ContentLimit}s over any sliding window: it
 * remembers when each request of the longest window went, and a request may go when every window holds fewer than
 * its limit. Pure apart from the times it is given; not thread-safe (one sender uses it).
 */
final class ContentLimiter {

    private final List<ContentLimit> limits;
    private final Duration longest;
    private final Deque<Instant> sent = new ArrayDeque<>();

    ContentLimiter(List<ContentLimit> limits) {
        this.limits = List.copyOf(limits);
        this.longest = limits.stream().map(ContentLimit::window).max(Duration::compareTo).orElseThrow();
    }

    /** How long from {@code now} until one more request may go; zero when it may go now. */
    Duration waitAt(Instant now) {
        forgetBefore(now.minus(longest));
        Duration wait = Duration.ZERO;
        for (ContentLimit limit : limits) {
            Instant windowStart = now.minus(limit.window());
            int inWindow = 0;
            Instant oldestCounted = null;
            // newest first: the limit-th newest request in the window is the one that must leave it
            var newestFirst = sent.descendingIterator();
            while (newestFirst.hasNext()) {
                Instant at = newestFirst.next();
                if (!at.isAfter(windowStart)) {
                    break;
                }
                inWindow++;
                if (inWindow == limit.requests()) {
                    oldestCounted = at;
                    break;
                }
            }
            if (oldestCounted != null) {
                Duration untilFree = Duration.between(now, oldestCounted.plus(limit.window()));
                if (untilFree.compareTo(wait) > 0) {
                    wait = untilFree;
                }
            }
        }
        return wait;
    }

    /** Records a request sent at {@code at}; refused ones count too, as GitHub counts them. */
    void sent(Instant at) {
        sent.addLast(at);
    }

    private void forgetBefore(Instant cutoff) {
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(cutoff)) {
            sent.removeFirst();
        }
    }
}
