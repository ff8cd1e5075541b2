package io.iocstream.github;

import java.time.Clock;
import java.util.ArrayDeque;

/**
 * Keeps a client inside one of GitHub's secondary limits in points per minute (2,000 for GraphQL, 900 per REST
 * endpoint): a request that would bring the points of the last 60 s past the allowance waits until enough of them
 * have left the window. Bursts below the allowance go at once. Thread-safe.
 */
public final class PointsPacer {

    /** GitHub's secondary limit of the GraphQL endpoint, in points a minute. */
    public static final int GITHUB_GRAPHQL_POINTS_PER_MINUTE = 2_000;
    /** GitHub's secondary limit of each REST endpoint, in points a minute. */
    public static final int GITHUB_REST_POINTS_PER_MINUTE = 900;
    /** The share of a limit a client spends, so that other automation and clock skew leave it clear of the limit. */
    public static final double SHARE = 0.8;

    private static final long WINDOW_MILLIS = 60_000;

    private final int allowance;
    private final Clock clock;
    private final ArrayDeque<long[]> spent = new ArrayDeque<>();
    private int inWindow;

    /** Spends at most {@link #SHARE} of {@code pointsPerMinute}. */
    public PointsPacer(int pointsPerMinute) {
        this(Math.max(1, (int) (pointsPerMinute * SHARE)), Clock.systemUTC());
    }

    PointsPacer(int allowance, Clock clock) {
        this.allowance = allowance;
        this.clock = clock;
    }

    /** Waits, if need be, until {@code points} more stay within the allowance of the last 60 s, and spends them. */
    public void acquire(int points) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                wait = waitMillis(points);
                if (wait <= 0) {
                    spent.add(new long[] {clock.millis(), points});
                    inWindow += points;
                    return;
                }
            }
            Thread.sleep(wait);
        }
    }

    /** Milliseconds until {@code points} more fit; 0 when they fit now. */
    synchronized long waitMillis(int points) {
        long now = clock.millis();
        while (!spent.isEmpty() && spent.peek()[0] <= now - WINDOW_MILLIS) {
            inWindow -= (int) spent.poll()[1];
        }
        int over = inWindow + points - allowance;
        if (over <= 0 || spent.isEmpty()) {
            return 0;
        }
        for (long[] s : spent) {
            over -= (int) s[1];
            if (over <= 0) {
                return Math.max(1, s[0] + WINDOW_MILLIS - now);
            }
        }
        return 1;
    }
}
