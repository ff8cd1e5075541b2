package io.iocstream.fetch;

import io.iocstream.throttle.TaskManagerMemory;
import java.time.Duration;

/**
 * Sizes batches and concurrency by additive increase, multiplicative decrease: each fast, clean response grows
 * the batch and, now and then, the number of requests in flight; an error or a rate limit halves both; a low
 * rate budget or memory pressure caps them. A batch is bounded by bytes as well as files: a slow answer tells the
 * controller how many files and bytes GitHub answers in {@link #TARGET}, and the next batches hold no more; a batch
 * GitHub abandoned at its time limit halves both bounds. Thread-safe; one per task manager and strategy.
 */
public final class AdaptiveController {

    /** Responses slower than this count as a sign of overload. */
    static final Duration SLOW = Duration.ofSeconds(2);
    /** Below this fraction of the rate budget, concurrency drops to one. */
    static final double LOW_BUDGET = 0.05;
    /**
     * How long a batch is sized to take: a fifth of GitHub's 10 s limit, so that no batch approaches it, and the
     * time past which a response counts as slow.
     */
    static final Duration TARGET = SLOW;
    /** What a file of unknown size (a push payload lists none) is taken to weigh until answers say otherwise. */
    static final long UNKNOWN_FILE_BYTES = 16 * 1024;
    /** Weight of the newest observation in the learned averages. */
    private static final double LEARNING = 0.2;

    private final FetchTuning tuning;
    private int batch;
    private int concurrency;
    private int cleanStreak;
    /** Most bytes a batch may hold now: the tuning's cap, lowered by timeouts and by what answers taught. */
    private long batchBytes;
    private double typicalFileBytes = UNKNOWN_FILE_BYTES;

    public AdaptiveController(FetchTuning tuning) {
        this.tuning = tuning;
        this.batch = tuning.initialBatch();
        this.concurrency = tuning.adaptive() ? Math.max(1, tuning.maxConcurrency() / 4) : tuning.maxConcurrency();
        this.batchBytes = tuning.maxBatchBytes();
    }

    /** Most bytes the next batch may hold, as listed sizes (or {@link #typicalFileBytes()} for unknown ones) add up. */
    public synchronized long batchBytes() {
        return batchBytes;
    }

    /** What a file whose size no listing gave is counted as in a batch's bytes: the average file answered so far. */
    public synchronized long typicalFileBytes() {
        return Math.max(1, Math.round(typicalFileBytes));
    }

    /**
     * An answer of {@code files} files and {@code bytes} bytes came back in {@code latency}. A slow one (past
     * {@link #TARGET}) tells how many files and bytes GitHub answers in that time: the next batches hold no more. A
     * fast one lets the byte bound grow back by a quarter toward the tuning's cap. Also learns how large files are.
     */
    public synchronized void answered(Duration latency, int files, long bytes) {
        if (!tuning.adaptive() || files <= 0) {
            return;
        }
        if (bytes > 0) {
            typicalFileBytes += LEARNING * ((double) bytes / files - typicalFileBytes);
        }
        if (latency.compareTo(TARGET) > 0) {
            double scale = (double) TARGET.toNanos() / latency.toNanos();
            batch = Math.max(1, Math.min(batch, (int) (files * scale)));
            if (bytes > 0) {
                batchBytes = Math.max(1, Math.min(batchBytes, (long) (bytes * scale)));
            }
        } else {
            batchBytes = Math.min(tuning.maxBatchBytes(), batchBytes + Math.max(1, batchBytes / 4));
        }
    }

    /**
     * GitHub abandoned a batch of {@code files} files and {@code bytes} bytes at its time limit: the next batches
     * hold at most half of each. Concurrency stays: the batch was too large, GitHub was not overloaded.
     */
    public synchronized void timedOut(int files, long bytes) {
        if (!tuning.adaptive()) {
            return;
        }
        cleanStreak = 0;
        batch = Math.max(1, Math.min(batch, files) / 2);
        if (bytes > 0) {
            batchBytes = Math.max(1, Math.min(batchBytes, bytes / 2));
        }
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
