package io.iocstream.github.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * What a request costs on GitHub, as the simulator models it when asked to: the time to answer grows with what the
 * answer holds, a request whose modelled time passes {@link #timeLimit} is abandoned at that limit with GitHub's
 * timeout answer, and the secondary limits in points per minute refuse requests past them with {@code retry-after}.
 * The base latency stays {@link SimulatorOptions#latencyMs()}.
 *
 * <p>GitHub documents the limits (10 s, 2,000 GraphQL points and 900 REST points per endpoint a minute, a query 1
 * point, a mutation or REST write 5) but not what a request costs; the per-object and per-byte costs are
 * assumptions, argued in docs/benchmarks.md ("A GitHub that costs what GitHub costs").
 *
 * @param objectMicros     per object the answer holds: a GraphQL repository or blob, a REST file, blob or compare file
 * @param treeEntryMicros  per tree entry listed, by REST or GraphQL
 * @param byteNanos        per byte of the answer's body (REST and GraphQL alike)
 * @param timeLimit        a request modelled to take longer is answered with GitHub's timeout after this long
 * @param graphQlPointsPerMinute secondary limit of the GraphQL endpoint, in points in any 60 s
 * @param restPointsPerMinute    secondary limit of each REST endpoint, in points in any 60 s
 */
public record CostModel(long objectMicros, long treeEntryMicros, long byteNanos, Duration timeLimit,
        int graphQlPointsPerMinute, int restPointsPerMinute) {

    /** GitHub ends a request it has worked on for this long ("Rate limits for the REST API", "Timeouts"). */
    public static final Duration GITHUB_TIME_LIMIT = Duration.ofSeconds(10);
    /** GitHub's secondary limit for the GraphQL endpoint. */
    public static final int GITHUB_GRAPHQL_POINTS_PER_MINUTE = io.iocstream.github.PointsPacer.GITHUB_GRAPHQL_POINTS_PER_MINUTE;
    /** GitHub's secondary limit per REST endpoint. */
    public static final int GITHUB_REST_POINTS_PER_MINUTE = io.iocstream.github.PointsPacer.GITHUB_REST_POINTS_PER_MINUTE;
    /** Assumed: 2 ms per object (a blob read from storage and rendered into the answer). */
    public static final long GITHUB_OBJECT_MICROS = 2_000;
    /** Assumed: 20 µs per tree entry (one row of a tree object already read). */
    public static final long GITHUB_TREE_ENTRY_MICROS = 20;
    /** Assumed: 100 ns per byte answered, 10 MB/s. */
    public static final long GITHUB_BYTE_NANOS = 100;

    /** The defaults documented in docs/benchmarks.md. */
    public static final CostModel GITHUB = new CostModel(GITHUB_OBJECT_MICROS, GITHUB_TREE_ENTRY_MICROS,
            GITHUB_BYTE_NANOS, GITHUB_TIME_LIMIT, GITHUB_GRAPHQL_POINTS_PER_MINUTE, GITHUB_REST_POINTS_PER_MINUTE);

    public CostModel {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (objectMicros < 0 || treeEntryMicros < 0 || byteNanos < 0) {
            throw new IllegalArgumentException("costs must be >= 0");
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be > 0, was " + timeLimit);
        }
        if (graphQlPointsPerMinute < 1 || restPointsPerMinute < 1) {
            throw new IllegalArgumentException("points per minute must be >= 1");
        }
    }

    /** The time GitHub is modelled to take for an answer of this size after {@code baseMs} of fixed latency. */
    public Duration modelled(long baseMs, long objects, long treeEntries, long bytes) {
        long nanos = baseMs * 1_000_000L + objects * objectMicros * 1_000L + treeEntries * treeEntryMicros * 1_000L
                + bytes * byteNanos;
        return Duration.ofNanos(nanos);
    }

    /** The same model with another time limit, so a test meets it in milliseconds. */
    public CostModel withTimeLimit(Duration limit) {
        return new CostModel(objectMicros, treeEntryMicros, byteNanos, limit, graphQlPointsPerMinute,
                restPointsPerMinute);
    }

    /** The same model with other secondary limits. */
    public CostModel withPointsPerMinute(int graphQl, int rest) {
        return new CostModel(objectMicros, treeEntryMicros, byteNanos, timeLimit, graphQl, rest);
    }
}
