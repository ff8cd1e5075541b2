package io.iocstream.fetch;

import io.iocstream.core.JobMetrics;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.async.AsyncRetryStrategy;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;

/**
 * Reads files asynchronously through the task manager's {@link FetchService}: the task thread only hands files
 * over, and results come back as their batch does. Failures that may pass (5xx, rate limits, timeouts) come
 * back as retryable outcomes, which the async operator's retry strategy tries again.
 */
public class FileFetcher extends RichAsyncFunction<FileRef, FetchOutcome> {

    /** Retry outcomes that may succeed later, with exponential backoff, three more times. */
    public static AsyncRetryStrategy<FetchOutcome> retryStrategy() {
        return new AsyncRetryStrategies.ExponentialBackoffDelayRetryStrategyBuilder<FetchOutcome>(3, 1000, 30_000,
                2.0).ifResult(new RetryableOutcome()).ifException(new AnyException()).build();
    }

    /** An outcome that failed in a way that may pass. (The strategy travels with the job: no lambdas.) */
    static final class RetryableOutcome implements Predicate<Collection<FetchOutcome>>, Serializable {
        @Override
        public boolean test(Collection<FetchOutcome> outcomes) {
            return outcomes.stream().anyMatch(outcome -> !outcome.succeeded() && outcome.retryable());
        }
    }

    /**
     * The fetcher completes exceptionally only on an {@link Error} (out of memory), which fails the job; any
     * other exception is a surprise worth a retry.
     */
    static final class AnyException implements Predicate<Throwable>, Serializable {
        @Override
        public boolean test(Throwable error) {
            return !(error instanceof Error);
        }
    }

    private final FetchSettings settings;
    private transient FetchService service;
    /** Invokes whose result is still open; whoever removes one (the outcome or the timeout) completes it. */
    private transient Set<ResultFuture<FetchOutcome>> open;
    private transient Histogram latency;

    public FileFetcher(FetchSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        service = FetchService.acquire(settings);
        open = ConcurrentHashMap.newKeySet();
        latency = FetchMetrics.latency(JobMetrics.group(getRuntimeContext()));
    }

    @Override
    public void asyncInvoke(FileRef file, ResultFuture<FetchOutcome> result) {
        open.add(result);
        long started = System.nanoTime();
        service.fetch(file).whenComplete((outcome, error) -> {
            latency.update((System.nanoTime() - started) / 1_000_000);
            if (!open.remove(result)) {
                // timed out first: Flink ignores this outcome, so nothing downstream will give its bytes back
                if (outcome != null) {
                    service.released(outcome);
                }
                return;
            }
            if (error instanceof Error fatal) {
                result.completeExceptionally(fatal);
            } else {
                result.complete(List.of(error == null ? outcome
                        : FetchOutcome.failed(file, String.valueOf(error.getMessage()), true)));
            }
        });
    }

    @Override
    public void timeout(FileRef file, ResultFuture<FetchOutcome> result) {
        if (open.remove(result)) {
            result.complete(List.of(FetchOutcome.failed(file, "timed out", true)));
        }
    }

    @Override
    public void close() {
        if (service != null) {
            service.release();
        }
    }
}
