package io.iocstream.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.util.CloseableIterator;

/**
 * The collected output of an unbounded job, gathered while it runs: the test waits on the list as it grows, then
 * cancels the job and closes the results.
 */
public final class CollectedResults {

    private CollectedResults() {}

    /**
     * Starts a daemon thread that adds all {@code results} give to the returned list, which may be read while it
     * grows; the thread ends when the job is cancelled or the results are closed.
     */
    public static <T> List<T> inBackground(CloseableIterator<T> results) {
        List<T> collected = new CopyOnWriteArrayList<>();
        Thread collector = new Thread(() -> {
            try {
                results.forEachRemaining(collected::add);
            } catch (RuntimeException cancelled) {
                // the test cancels the unbounded job; the collector learns of it this way
            }
        }, "collected-results");
        collector.setDaemon(true);
        collector.start();
        return collected;
    }
}
