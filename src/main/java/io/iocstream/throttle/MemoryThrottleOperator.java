package io.iocstream.throttle;

import io.iocstream.core.JobMetrics;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes records through unless memory is critical; then it takes no more input until pressure falls below
 * the warning threshold, so Flink's backpressure slows everything upstream down to the sources.
 *
 * <p>While paused it yields to the task's mailbox instead of sleeping blindly: timers, results of chained async
 * operators and unaligned checkpoint barriers (priority mails) still run, so a pause can neither deadlock the
 * task nor starve checkpoints. It sleeps one poll interval only when the mailbox is empty, so it never spins.
 */
public class MemoryThrottleOperator<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private final ThrottleSettings settings;
    private final transient MailboxExecutor mailbox;
    private transient MemoryProbe probe;
    private transient PressureLevel level;
    private transient Counter pauses;
    private transient Counter pausedMillis;

    MemoryThrottleOperator(StreamOperatorParameters<T> parameters, ThrottleSettings settings,
            MailboxExecutor mailbox) {
        super(parameters);
        this.settings = settings;
        this.mailbox = mailbox;
    }

    @Override
    public void open() throws Exception {
        super.open();
        probe = settings.probe().create();
        level = PressureLevel.NORMAL;
        MetricGroup metrics = JobMetrics.group(getMetricGroup());
        pauses = metrics.counter(ThrottleMetrics.PAUSES);
        pausedMillis = metrics.counter(ThrottleMetrics.PAUSED_MILLIS);
        metrics.gauge(ThrottleMetrics.LEVEL, () -> level.ordinal());
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        if (settings.enabled()) {
            observe();
            if (level == PressureLevel.CRITICAL) {
                holdBack();
            }
        }
        output.collect(element);
    }

    private void observe() {
        level = PressureLevel.next(level, probe.read().pressure(), settings);
        TaskManagerMemory.publish(level);
    }

    private void holdBack() throws InterruptedException {
        pauses.inc();
        TaskManagerMemory.paused();
        long started = System.nanoTime();
        while (level == PressureLevel.CRITICAL) {
            if (!mailbox.tryYield()) {
                Thread.sleep(settings.pollInterval().toMillis());
            }
            observe();
        }
        pausedMillis.inc((System.nanoTime() - started) / 1_000_000);
    }
}
