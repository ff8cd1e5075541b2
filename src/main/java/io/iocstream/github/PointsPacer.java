package io.iocstream.github;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps a client inside one of GitHub's secondary limits in points per minute (2,000 for GraphQL, 900 per REST
 * endpoint) by spending points at an even rate: a bucket that fills with {@link #SHARE} of the limit a minute and
 * holds at most {@link #BURST} of it. Any 60 s therefore see at most {@code SHARE + BURST} of the limit (0.9 of it),
 * and a busy client never spends a minute's points in the first seconds and then holds every request for the rest
 * of the minute: a request that waits here waits a fraction of a second, while the batch it would have gone in
 * fills. Thread-safe.
 */
public final class PointsPacer {

    /** GitHub's secondary limit of the GraphQL endpoint, in points a minute. */
    public static final int GITHUB_GRAPHQL_POINTS_PER_MINUTE = 2_000;
    /** GitHub's secondary limit of each REST endpoint, in points a minute. */
    public static final int GITHUB_REST_POINTS_PER_MINUTE = 900;
    /** The share of a limit a client spends a minute, so that other automation and clock skew leave it clear. */
    public static final double SHARE = 0.8;
    /** The share of a limit that may go at once after a quiet spell, on top of {@link #SHARE}. */
    public static final double BURST = 0.1;

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final double pointsPerMilli;
    private final double capacity;
    private final Clock clock;
    private double points;
    private long filledAt;

    /** Spends {@link #SHARE} of {@code pointsPerMinute} a minute, at most {@link #BURST} of it at once. */
    public PointsPacer(int pointsPerMinute) {
        this(pointsPerMinute * SHARE, MINUTE, Math.max(1, (int) (pointsPerMinute * BURST)), Clock.systemUTC());
    }

    /** Spends {@code rate} points every {@code per}, at most {@code burst} at once: short periods make tests fast. */
    public PointsPacer(double rate, Duration per, int burst) {
        this(rate, per, burst, Clock.systemUTC());
    }

    PointsPacer(double rate, Duration per, int burst, Clock clock) {
        if (!(rate > 0) || burst < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a pacer needs a positive rate and a burst of at least one point");
        }
        this.pointsPerMilli = rate / per.toMillis();
        this.capacity = burst;
        this.clock = clock;
        this.points = burst;
        this.filledAt = clock.millis();
    }

    /** Waits, if need be, until {@code points} may be spent, and spends them. */
    public void acquire(int wanted) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                wait = waitMillis(wanted);
                if (wait <= 0) {
                    // a request larger than the bucket goes once the bucket is full, and leaves it in debt
                    points -= wanted;
                    return;
                }
            }
            Thread.sleep(wait);
        }
    }

    /** Milliseconds until {@code wanted} points may be spent; 0 when they may be now. */
    public synchronized long waitMillis(int wanted) {
        long now = clock.millis();
        points = Math.min(capacity, points + (now - filledAt) * pointsPerMilli);
        filledAt = now;
        double missing = Math.min(wanted, capacity) - points;
        return missing <= 0 ? 0 : Math.max(1, (long) Math.ceil(missing / pointsPerMilli));
    }
}
