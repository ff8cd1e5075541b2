package io.iocstream.source;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/** Drives a source reader as the source operator's mailbox loop does: poll while there is more, else wait. */
public final class ReaderDriver {

    private ReaderDriver() {}

    /** Polls until {@code output} holds {@code count} records; fails after {@code timeout}. */
    public static <T> void until(SourceReader<T, ?> reader, CollectingOutput<T> output, int count, Duration timeout)
            throws Exception {
        until(reader, output, records -> records.size() >= count, count + " records", timeout);
    }

    /** Polls the reader until {@code done} holds for the records it emitted, or fails after {@code timeout}. */
    public static <T> void until(SourceReader<T, ?> reader, CollectingOutput<T> output,
            java.util.function.Predicate<java.util.List<T>> done, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(output.records())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " after " + output.records().size() + " records in "
                        + timeout);
            }
            if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
                long left = deadline - System.nanoTime();
                try {
                    reader.isAvailable().get(Math.max(1, left), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // the deadline check above reports it
                }
            }
        }
    }

    /** Polls for {@code duration} whatever comes, as a running job would. */
    public static <T> void runFor(SourceReader<T, ?> reader, CollectingOutput<T> output, Duration duration)
            throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
                try {
                    reader.isAvailable().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    return;
                }
            }
        }
    }
}
