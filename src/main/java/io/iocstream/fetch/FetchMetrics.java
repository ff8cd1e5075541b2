package io.iocstream.fetch;

import io.iocstream.core.JobMetrics;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** The fetch stage's latency histogram, the same for the batched and the sequential fetcher. */
final class FetchMetrics {

    /** Fetches the quantiles are computed over: the last few minutes of a busy task. */
    static final int LATENCY_WINDOW = 1024;

    private FetchMetrics() {}

    static Histogram latency(MetricGroup iocstream) {
        return iocstream.histogram(JobMetrics.FETCH_LATENCY_MS, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    }
}
