package io.iocstream.github.sim;

/**
 * Fault injection and limits of a {@link GitHubSimulator}.
 *
 * @param latencyMs  added before every answer, in milliseconds
 * @param errorRate  fraction of requests answered with a 502 or 503 instead of their result
 * @param rateLimit  requests allowed per rate-limit window (GitHub's core limit is 5,000 an hour)
 * @param seed       seed of the random source that picks the injected errors
 * @param longTailLatency  make 5% of requests ten times slower and 1% fifty times, as real APIs are
 * @param maxConcurrent    requests served at once before GitHub's secondary limit answers 403
 * @param pollIntervalSeconds the {@code X-Poll-Interval} the org events endpoint asks pollers to keep
 * @param treeEntryCap entries a recursive tree lists before it answers {@code truncated: true}
 * @param auth         which credentials it takes and whether it insists on them (a GitHub App's, a token)
 * @param contentLimits how many content-creating requests (commit statuses, check runs) it takes in any window,
 *                      each limit at once, before it answers GitHub's secondary-limit 403
 * @param cost         GitHub's costs: latency growing with the answer, the 10 s limit, points per minute; null for
 *                     the simple model, where every answer takes {@code latencyMs}
 */
public record SimulatorOptions(long latencyMs, double errorRate, int rateLimit, long seed, boolean longTailLatency,
        int maxConcurrent, int pollIntervalSeconds, int treeEntryCap, SimulatorAuth auth,
        java.util.List<ContentCreationLimit> contentLimits, CostModel cost) {

    /** What GitHub's events endpoints answer in {@code X-Poll-Interval}, in seconds. */
    public static final int GITHUB_POLL_INTERVAL_SECONDS = 60;

    /** Where GitHub cuts a recursive tree listing. */
    public static final int GITHUB_TREE_ENTRY_CAP = 100_000;

    public SimulatorOptions(long latencyMs, double errorRate, int rateLimit, long seed, boolean longTailLatency,
            int maxConcurrent) {
        this(latencyMs, errorRate, rateLimit, seed, longTailLatency, maxConcurrent, GITHUB_POLL_INTERVAL_SECONDS,
                GITHUB_TREE_ENTRY_CAP, SimulatorAuth.none(), ContentCreationLimit.GITHUB, null);
    }

    /** GitHub's secondary limit: at most 100 concurrent requests per token. */
    public static final int GITHUB_MAX_CONCURRENT = 100;

    public SimulatorOptions(long latencyMs, double errorRate, int rateLimit, long seed) {
        this(latencyMs, errorRate, rateLimit, seed, false, GITHUB_MAX_CONCURRENT);
    }

    public SimulatorOptions {
        java.util.Objects.requireNonNull(auth, "auth");
        contentLimits = java.util.List.copyOf(contentLimits);
        if (pollIntervalSeconds < 1) {
            throw new IllegalArgumentException("pollIntervalSeconds must be >= 1, was " + pollIntervalSeconds);
        }
        if (treeEntryCap < 1) {
            throw new IllegalArgumentException("treeEntryCap must be >= 1, was " + treeEntryCap);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1, was " + maxConcurrent);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0, was " + latencyMs);
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be within [0, 1], was " + errorRate);
        }
        if (rateLimit < 1) {
            throw new IllegalArgumentException("rateLimit must be >= 1, was " + rateLimit);
        }
    }

    /** A rate limit high enough that a run never meets it unless asked to. */
    public static final int DEFAULT_RATE_LIMIT = 1_000_000;

    /** No latency, no errors, a limit high enough never to be reached. */
    public static SimulatorOptions defaults() {
        return of(0, 0.0, DEFAULT_RATE_LIMIT);
    }

    public static SimulatorOptions of(long latencyMs, double errorRate, int rateLimit) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, 1);
    }

    public SimulatorOptions withLongTailLatency(boolean longTail) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, seed, longTail, maxConcurrent,
                pollIntervalSeconds, treeEntryCap, auth, contentLimits, cost);
    }

    /** The same options with another {@code X-Poll-Interval}, so tests need not wait GitHub's minute. */
    public SimulatorOptions withPollIntervalSeconds(int seconds) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, seed, longTailLatency, maxConcurrent, seconds,
                treeEntryCap, auth, contentLimits, cost);
    }

    /** The same options with a smaller tree cap, so a test can meet a truncated tree without 100,000 files. */
    public SimulatorOptions withTreeEntryCap(int cap) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, seed, longTailLatency, maxConcurrent,
                pollIntervalSeconds, cap, auth, contentLimits, cost);
    }

    /** The same options with other content-creation limits, so a test can meet them in seconds. */
    public SimulatorOptions withContentLimits(java.util.List<ContentCreationLimit> limits) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, seed, longTailLatency, maxConcurrent,
                pollIntervalSeconds, treeEntryCap, auth, limits, cost);
    }

    /** The same options taking the credentials of {@code auth}, and insisting on them if it says so. */
    public SimulatorOptions withAuth(SimulatorAuth auth) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, seed, longTailLatency, maxConcurrent,
                pollIntervalSeconds, treeEntryCap, auth, contentLimits, cost);
    }

    /**
     * The same options with GitHub's costs ({@link CostModel}), {@code latencyMs} staying the base of every answer;
     * null for the simple fixed latency.
     */
    public SimulatorOptions withCost(CostModel model) {
        return new SimulatorOptions(latencyMs, errorRate, rateLimit, seed, longTailLatency, maxConcurrent,
                pollIntervalSeconds, treeEntryCap, auth, contentLimits, model);
    }
}
