package io.iocstream.source;

import java.io.IOException;
import java.time.Duration;
import org.apache.flink.metrics.MetricGroup;

/**
 * Polls an outside system once from a position. Runs on the reader's own poll thread, so it may block; it must not
 * change the position it is given, only describe in the {@link Poll} how emitting moves it.
 */
public interface Poller<T, P> extends AutoCloseable {

    Poll<T, P> poll(P position) throws IOException, InterruptedException;

    /** How long to wait after a poll that failed with an I/O error before trying again. */
    Duration afterFailure();

    /** Registers the poller's metrics, once, on the task thread before the first poll (not at all in tests). */
    default void registerMetrics(MetricGroup group) {}

    @Override
    default void close() throws IOException {}
}
