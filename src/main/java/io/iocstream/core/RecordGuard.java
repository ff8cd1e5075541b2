package io.iocstream.core;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one record from failing its task. A runtime exception or a non-fatal error (a {@link StackOverflowError}
 * on a hostile input) in a stage's work on one record becomes a dead letter with a one-line reason and an excerpt
 * of the record, counted in the run summary ({@code records_failed}) and in the operator's {@code recordsFailed}
 * metric, and the task goes on with the next record. JVM-fatal errors and out-of-memory still fail the task, and
 * so do checked exceptions (state backend, I/O) and the failure of a chained later operator, which are not this
 * record's stage's.
 */
public final class RecordGuard {

    /** How much of a record a dead letter keeps. */
    public static final int RAW_EXCERPT = 2048;
    /** How much of an error's message a reason keeps. */
    static final int MESSAGE_LIMIT = 300;
    /** The operator metric that counts records a guard caught. */
    public static final String METRIC = "recordsFailed";

    private static final Logger LOG = LoggerFactory.getLogger(RecordGuard.class);

    /** A stage's work on one record; its checked exceptions pass through the guard. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T call() throws E;
    }

    /** Work on one record that gives nothing back. */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }

    private final String stage;
    private final LongCounter failed;
    private final Counter metric;

    RecordGuard(String stage, LongCounter failed, Counter metric) {
        this.stage = stage;
        this.failed = failed;
        this.metric = metric;
    }

    /** A guard for one operator instance of {@code stage}, counting into its accumulator and metric group. */
    public static RecordGuard of(String stage, RuntimeContext context) {
        return new RecordGuard(stage, context.getLongCounter(RunCounters.RECORDS_FAILED),
                JobMetrics.group(context).counter(METRIC));
    }

    /**
     * Runs {@code work} on one record: its result, or null when it failed, in which case the failure went to
     * {@code deadLetters}. {@code origin} and {@code raw} are asked for only then.
     */
    public <T, E extends Exception> T call(Work<T, E> work, Supplier<String> origin, Supplier<String> raw,
            Consumer<DeadLetter> deadLetters) throws E {
        try {
            return work.call();
        } catch (ExceptionInChainedOperatorException laterOperator) {
            throw laterOperator;
        } catch (RuntimeException | Error failure) {
            ExceptionUtils.rethrowIfFatalErrorOrOOM(failure);
            DeadLetter deadLetter = new DeadLetter(stage, origin.get(), reason(failure), excerpt(raw));
            LOG.warn("{}: {} on {}", stage, deadLetter.reason(), deadLetter.origin());
            deadLetters.accept(deadLetter);
            failed.add(1);
            metric.inc();
            return null;
        }
    }

    /** Runs {@code step} on one record; whether it completed (else the failure went to {@code deadLetters}). */
    public <E extends Exception> boolean run(Step<E> step, Supplier<String> origin, Supplier<String> raw,
            Consumer<DeadLetter> deadLetters) throws E {
        return call(() -> {
            step.run();
            return Boolean.TRUE;
        }, origin, raw, deadLetters) != null;
    }

    /** The error's class and the first line of its message, without a stack trace. */
    static String reason(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline).strip();
        message = message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "..." : message;
        return "failed with " + failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The start of the record; empty when even describing it fails (a record too deep to print). */
    private static String excerpt(Supplier<String> raw) {
        try {
            String text = String.valueOf(raw.get());
            return text.length() > RAW_EXCERPT ? text.substring(0, RAW_EXCERPT) : text;
        } catch (RuntimeException | Error failure) {
            ExceptionUtils.rethrowIfFatalErrorOrOOM(failure);
            return "";
        }
    }
}
