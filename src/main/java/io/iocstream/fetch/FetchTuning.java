package io.iocstream.fetch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a batched fetch strategy sizes its work.
 *
 * @param graphQl         read files in GraphQL batches (else one REST call per file)
 * @param adaptive        let batch size and concurrency follow latency, errors, rate budget and memory
 * @param initialBatch    files per request to start with
 * @param maxBatch        most files per request
 * @param maxBatchBytes   most bytes (as the tree listing states them) per request
 * @param maxConcurrency  most requests in flight per task manager; GitHub's secondary limit is 100 per token
 * @param maxWait         longest a file waits for its batch to fill
 * @param capacity        files the async operator holds in flight
 */
public record FetchTuning(boolean graphQl, boolean adaptive, int initialBatch, int maxBatch, long maxBatchBytes,
        int maxConcurrency, Duration maxWait, int capacity) implements Serializable {

    public static FetchTuning of(FetchStrategy strategy) {
        return switch (strategy) {
            case SEQUENTIAL -> new FetchTuning(false, false, 1, 1, Long.MAX_VALUE, 1, Duration.ZERO, 1);
            case PARALLEL -> new FetchTuning(false, false, 1, 1, Long.MAX_VALUE, 16, Duration.ZERO, 64);
            case CONSERVATIVE -> new FetchTuning(true, false, 10, 10, 2L << 20, 2, Duration.ofMillis(100), 100);
            case ADAPTIVE -> new FetchTuning(true, true, 25, 100, 8L << 20, 16, Duration.ofMillis(50), 1000);
            case AGGRESSIVE -> new FetchTuning(true, false, 100, 100, 16L << 20, 32, Duration.ofMillis(20), 2000);
        };
    }
}
