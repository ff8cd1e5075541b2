package io.iocstream.fetch;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.util.MockStreamingRuntimeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the async operator retries: surprises, but never an out-of-memory error, which must fail the job; and a
 * timed-out read gives its bytes back when it lands.
 */
class FileFetcherTest {

    private final FileFetcher.AnyException retried = new FileFetcher.AnyException();

    @TempDir
    Path world;

    @Test
    void anUnexpectedExceptionIsRetried() {
        assertThat(retried.test(new IOException("connection reset"))).isTrue();
        assertThat(retried.test(new IllegalStateException("surprise"))).isTrue();
    }

    @Test
    void anOutOfMemoryErrorIsNotRetried() {
        assertThat(retried.test(new OutOfMemoryError("Java heap space"))).isFalse();
    }

    @Test
    void aRawReadThatLandsAfterItsTimeoutGivesItsBytesBack() throws Exception {
        TestWorld.write(world);
        // every answer takes 300 ms, so the timeout below always comes first
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.of(300, 0, 1_000_000), 0)) {
            FetchSettings settings = FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE)
                    .withMaxBytesInFlight(4L * 1024 * 1024);
            FileFetcher fetcher = new FileFetcher(settings);
            fetcher.setRuntimeContext(new MockStreamingRuntimeContext(1, 0));
            fetcher.open(null);
            FetchService service = FetchService.acquire(settings);
            try {
                // listed past what GraphQL text carries: read raw, holding the byte budget
                FileRef file = new FileRef(REPO, "refs/heads/main", C1, "README.md", Trigger.PUSH, 1, 1, null,
                        FetchService.RAW_ABOVE_BYTES + 1);
                RecordingFuture result = new RecordingFuture();
                fetcher.asyncInvoke(file, result);
                fetcher.timeout(file, result);

                awaitBudget(service, held -> held > 0, "the raw read to take its bytes");
                awaitBudget(service, held -> held == 0, "the late outcome to give its bytes back");
                assertThat(result.completions).singleElement()
                        .satisfies(outcome -> assertThat(outcome.failure()).isEqualTo("timed out"));
            } finally {
                service.release();
                fetcher.close();
            }
        }
    }

    private static void awaitBudget(FetchService service, LongPredicate held, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!held.test(service.bytesInFlight()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(held.test(service.bytesInFlight())).as("waited for " + what).isTrue();
    }

    /** Keeps every completion, where Flink would ignore all after the first. */
    private static final class RecordingFuture implements ResultFuture<FetchOutcome> {
        private final List<FetchOutcome> completions = new ArrayList<>();

        @Override
        public synchronized void complete(Collection<FetchOutcome> outcomes) {
            completions.addAll(outcomes);
        }

        @Override
        public void completeExceptionally(Throwable error) {
            throw new AssertionError("unexpected", error);
        }

        @Override
        public void complete(CollectionSupplier<FetchOutcome> supplier) {
            throw new UnsupportedOperationException();
        }
    }
}
