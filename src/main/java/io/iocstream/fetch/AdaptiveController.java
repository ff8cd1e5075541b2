package io.iocstream.fetch;

import io.iocstream.throttle.TaskManagerMemory;
import java.time.Duration;

/**
 * Sizes batches and concurrency by additive increase, multiplicative decrease: each fast, clean response grows
 * the batch and, now and then, the number of requests in flight; an error or a rate limit halves both; a low
 * rate budget or memory pressure caps them. Thread-safe; one per task manager and strategy.
 */
public final class AdaptiveController {

    /** Responses slower than this count as a sign of overload. */
    static final Duration SLOW = Duration.ofSeconds(2);
    /** Below this fraction of the rate budget, concurrency drops to one. */
    static final double LOW_BUDGET = 0.05;

    private final FetchTuning tuning;
    private int batch;
    private int concurrency;
    private int cleanStreak;

    public AdaptiveController(FetchTuning tuning) {
        this.tuning = tuning;
        this.batch = tuning.initialBatch();
        this.concurrency = tuning.adaptive() ? Math.max(1, tuning.maxConcurrency() / 4) : tuning.maxConcurrency();
    }

    /** Files the next request may carry. */
    public synchronized int batchSize() {
        return switch (TaskManagerMemory.level()) {
            case NORMAL -> batch;
            case WARNING -> Math.max(1, batch / 2);
            case CRITICAL -> 1;
        };
    }

    /** Requests that may be in flight now. */
    public synchronized int concurrency() {
        return switch (TaskManagerMemory.level()) {
            case NORMAL -> concurrency;
            case WARNING -> Math.max(1, concurrency / 2);
            case CRITICAL -> 1;
        };
    }

    /** A response came back in {@code latency}; {@code budgetLeft} is the rate budget's remaining fraction. */
    public synchronized void succeeded(Duration latency, double budgetLeft) {
        if (!tuning.adaptive()) {
            return;
        }
        if (budgetLeft < LOW_BUDGET) {
            concurrency = 1;
            return;
        }
        if (latency.compareTo(SLOW) > 0) {
            concurrency = Math.max(1, concurrency - 1);
            return;
        }
        batch = Math.min(tuning.maxBatch(), batch + Math.max(1, batch / 4));
        if (++cleanStreak >= concurrency) {
            cleanStreak = 0;
            concurrency = Math.min(tuning.maxConcurrency(), concurrency + 1);
        }
    }

    /** A request failed (5xx, connection error, timeout) or was rate limited. */
    public synchronized void failed() {
        if (!tuning.adaptive()) {
            return;
        }
        cleanStreak = 0;
        batch = Math.max(1, batch / 2);
        concurrency = Math.max(1, concurrency / 2);
    }
}
