package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fetch stage's retry strategy on an unbounded source (Flink stops retrying once a bounded input has
 * ended): outcomes that may pass are tried again with backoff, failures that will not pass are not.
 */
class AsyncRetryTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Test
    void retryableOutcomesAreTriedAgainUntilTheyPass() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // unbounded: a generator with no end, of which the test reads the first four results
        DataGeneratorSource<FileRef> files = new DataGeneratorSource<>(
                i -> new FileRef("acme/app", "refs/heads/main", "c", (i % 4 == 3 ? "gone" : "flaky") + i,
                        Trigger.PUSH, 1, 1, null, -1),
                Long.MAX_VALUE, org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy.perSecond(50),
                TypeInformation.of(FileRef.class));
        var outcomes = AsyncDataStream.unorderedWaitWithRetry(
                env.fromSource(files, WatermarkStrategy.noWatermarks(), "files"), new FailsTwiceThenReads(),
                1, TimeUnit.MINUTES, 10, FileFetcher.retryStrategy());

        try (CloseableIterator<FetchOutcome> results = outcomes.executeAndCollect()) {
            for (int seen = 0; seen < 4; seen++) {
                FetchOutcome outcome = results.next();
                String path = outcome.file().path();
                if (path.startsWith("flaky")) {
                    assertThat(outcome.succeeded()).as(path).isTrue();
                    assertThat(ATTEMPTS.get(path).get()).as(path).isEqualTo(3);
                } else {
                    assertThat(outcome.succeeded()).isFalse();
                    assertThat(ATTEMPTS.get(path).get()).as("never retried: " + path).isEqualTo(1);
                }
            }
        }
    }

    /** "flaky" files fail (retryably) twice, then read; "gone" files fail for good. */
    static final class FailsTwiceThenReads extends RichAsyncFunction<FileRef, FetchOutcome> {
        @Override
        public void asyncInvoke(FileRef file, ResultFuture<FetchOutcome> result) {
            int attempt = ATTEMPTS.computeIfAbsent(file.path(), k -> new AtomicInteger()).incrementAndGet();
            FetchOutcome outcome = file.path().startsWith("gone")
                    ? FetchOutcome.failed(file, "not found", false)
                    : attempt <= 2 ? FetchOutcome.failed(file, "HTTP 502", true)
                            : FetchOutcome.read(file, file.path().getBytes());
            result.complete(List.of(outcome));
        }
    }
}
