package io.iocstream.core;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The job's own Flink metrics: every stage registers them in one user group, {@value #GROUP}, under its operator's
 * metric group, so that the Prometheus reporter exports them as
 * {@code flink_taskmanager_job_task_operator_iocstream_NAME} (docs/operations.md lists them). Names are camelCase as
 * Flink's own; a breakdown (status, severity, stage, ecosystem) is a key-value group, which Prometheus sees as a label.
 */
public final class JobMetrics {

    public static final String GROUP = "iocstream";

    public static final String EVENTS_IN = "eventsIn";
    public static final String PUSHES = "pushes";
    public static final String SCANS = "scans";
    public static final String FILES_CONSIDERED = "filesConsidered";
    public static final String FILES_FETCHED = "filesFetched";
    public static final String BYTES_FETCHED = "bytesFetched";
    public static final String API_REQUESTS = "apiRequests";
    /** Counter: GraphQL batches GitHub abandoned at its time limit and the fetch stage split and asked again. */
    public static final String BATCHES_SPLIT = "batchesSplit";
    /** Gauge: requests this task manager's rate budget still allows in the current rate-limit window. */
    public static final String RATE_REQUESTS_LEFT = "rateRequestsLeft";
    /** Histogram: milliseconds from asking for a file to having its outcome (batching, retries within, the read). */
    public static final String FETCH_LATENCY_MS = "fetchLatencyMs";
    /** Findings emitted, labelled by status (open, resolved) and severity. */
    public static final String FINDINGS = "findings";
    public static final String DEAD_LETTERS = "deadLetters";
    /** Gauge: IOC entries and indicators in the matcher's index. */
    public static final String IOC_ENTRIES = "iocEntries";
    /** Gauge: seconds since the matcher last received a feed update (a feed file added, changed or deleted). */
    public static final String FEED_AGE_SECONDS = "feedAgeSeconds";

    /** Labels of the findings counter. */
    public static final String STATUS = "status";
    public static final String SEVERITY = "severity";
    /** Label of a fetched feed's {@value #FEED_AGE_SECONDS}: the list's name, or {@code osv/ECOSYSTEM}. */
    public static final String FEED = "feed";
    /** Label of the dead-letter counter. */
    public static final String STAGE = "stage";

    private JobMetrics() {}

    /** The job's group within an operator's metric group. */
    public static MetricGroup group(MetricGroup operator) {
        return operator.addGroup(GROUP);
    }

    /** The job's group within a function's operator. */
    public static MetricGroup group(RuntimeContext context) {
        return group(context.getMetricGroup());
    }

    /** A count kept twice: in an accumulator for a run's summary, and in a metric for a running job's dashboard. */
    public static Tally tally(RuntimeContext context, String accumulator, String metric) {
        return new Tally(context.getLongCounter(accumulator), group(context).counter(metric));
    }

    /** An accumulator and a metric that always count alike. */
    public record Tally(LongCounter accumulator, Counter metric) {
        public void add(long n) {
            accumulator.add(n);
            metric.inc(n);
        }
    }
}
