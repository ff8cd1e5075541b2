package io.iocstream.fetch;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.github.PointsPacer;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import io.iocstream.throttle.TaskManagerMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batcher's edges, against the real simulator: by count, by bytes, by waiting time, by blob oid. */
class FetchServiceTest {

    @TempDir
    Path world;

    private GitHubSimulator sim;
    private FetchService service;

    @BeforeEach
    void start() throws Exception {
        TestWorld.write(world);
        Path c1 = world.resolve("repos/acme/widget/" + C1);
        for (int i = 0; i < 35; i++) {
            Files.writeString(c1.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.release();
        }
        sim.close();
    }

    private FetchService service(FetchStrategy strategy) {
        service = FetchService.acquire(FetchSettings.of(sim.baseUrl(), null, strategy));
        return service;
    }

    @Test
    void filesAskedTogetherGoOutInBatchesOfTheBatchSize() throws Exception {
        FetchService conservative = service(FetchStrategy.CONSERVATIVE);
        List<CompletableFuture<FetchOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            results.add(conservative.fetch(ref(C1, "f" + i + ".txt", null, -1)));
        }
        for (int i = 0; i < 35; i++) {
            assertThat(new String(results.get(i).get().content())).isEqualTo("file " + i + "\n");
        }
        // conservative batches hold ten files: 35 files are four requests
        assertThat(sim.requestCounts()).containsEntry("graphql", 4L);
    }

    @Test
    void whileTheSecondaryLimitHoldsRequestsBackFilesGatherIntoFullerBatches() throws Exception {
        // two GraphQL requests a second; files arrive one every 20 ms, so a batch is due every 50 ms with two or three
        // files: formed as they fall due, the 35 files would be some fourteen requests, each waiting its turn
        try (FetchService paced = new FetchService(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE),
                new PointsPacer(2, Duration.ofSeconds(1), 2))) {
            List<CompletableFuture<FetchOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                results.add(paced.fetch(ref(C1, "f" + i + ".txt", null, -1)));
                Thread.sleep(20);
            }
            for (int i = 0; i < 35; i++) {
                assertThat(new String(results.get(i).get().content())).isEqualTo("file " + i + "\n");
            }
        }
        // two go at once, then the files that gathered while the bucket refilled: a batch each half second
        assertThat(sim.requestCounts().get("graphql")).isBetween(2L, 5L);
    }

    @Test
    void aBatchStopsAtItsByteCap() throws Exception {
        FetchService conservative = service(FetchStrategy.CONSERVATIVE);
        // four files of this listed size fill the 2 MiB cap of a conservative batch, which holds ten by count
        long size = FetchService.RAW_ABOVE_BYTES;
        List<CompletableFuture<FetchOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(conservative.fetch(ref(C1, "f" + i + ".txt", null, size)));
        }
        for (CompletableFuture<FetchOutcome> result : results) {
            assertThat(result.get().succeeded()).isTrue();
        }
        assertThat(sim.requestCounts()).containsEntry("graphql", 2L);
    }

    @Test
    void aFileListedPastWhatGraphQlTextCarriesIsReadRawAtOnce() throws Exception {
        FetchService adaptive = service(FetchStrategy.ADAPTIVE);
        FetchOutcome outcome = adaptive.fetch(ref(C1, "README.md", null, FetchService.RAW_ABOVE_BYTES + 1)).get();
        assertThat(new String(outcome.content())).isEqualTo("hello\n");
        assertThat(sim.requestCounts()).containsEntry("contents", 1L).doesNotContainKey("graphql");
    }

    /** Past the streaming threshold a file is read raw into a spool file, never a batch, and holds no heap. */
    @Test
    void aFilePastTheStreamingThresholdIsSpooledAndItsSpoolGoesWhenReleasedAndOnClose() throws Exception {
        Path spoolRoot = world.resolve("tmp");
        service = FetchService.acquire(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE)
                .withStreamAboveBytes(10));
        service.spoolUnder(spoolRoot);
        Files.writeString(world.resolve("repos/acme/widget/" + C1).resolve("big.txt"), "x".repeat(5_000));
        long promised = TaskManagerMemory.promisedBytes();

        // listed large: straight to REST and into a spool, nothing promised to the throttle
        CompletableFuture<FetchOutcome> listedLarge = service.fetch(ref(C1, "big.txt", null, 5_000));
        assertThat(TaskManagerMemory.promisedBytes()).isEqualTo(promised);
        FetchOutcome outcome = listedLarge.get();
        // of unknown size: found large as it is read
        FetchOutcome unknown = service.fetch(ref(C1, "f1.txt", null, -1)).get();

        assertThat(outcome.content()).isNull();
        assertThat(Files.readString(Path.of(outcome.spool().path()))).isEqualTo("x".repeat(5_000));
        assertThat(outcome.heldBytes()).isZero();
        assertThat(unknown.spool()).isNull();
        assertThat(new String(unknown.content())).isEqualTo("file 1\n");
        assertThat(sim.requestCounts()).containsEntry("contents", 1L);
        service.released(outcome);
        assertThat(Path.of(outcome.spool().path())).doesNotExist();

        FetchOutcome second = service.fetch(ref(C1, "big.txt", null, 5_000)).get();
        assertThat(Path.of(second.spool().path())).exists();
        service.release();
        service = null;
        // closing the service removes its directory, and the spools a dropped outcome left in it
        assertThat(spoolRoot).isEmptyDirectory();
    }

    @Test
    void aFileIsPromisedToTheThrottleUntilItIsRead() throws Exception {
        FetchService adaptive = service(FetchStrategy.ADAPTIVE);
        long before = TaskManagerMemory.promisedBytes();
        CompletableFuture<FetchOutcome> result = adaptive.fetch(ref(C1, "README.md", null, 1_000_000));
        // the batch waits its 50 ms before it goes out, so the promise is still open here
        assertThat(TaskManagerMemory.promisedBytes()).isEqualTo(before + 1_000_000);
        assertThat(result.get().succeeded()).isTrue();
        assertThat(TaskManagerMemory.promisedBytes()).isEqualTo(before);
    }

    @Test
    void aLoneFileGoesOutOnceItHasWaitedLongEnough() throws Exception {
        FetchService adaptive = service(FetchStrategy.ADAPTIVE);
        long started = System.nanoTime();
        FetchOutcome outcome = adaptive.fetch(ref(C1, "README.md", null, -1)).get();
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(new String(outcome.content())).isEqualTo("hello\n");
        assertThat(waitedMillis).isGreaterThanOrEqualTo(FetchTuning.of(FetchStrategy.ADAPTIVE).maxWait().toMillis());
        assertThat(sim.requestCounts()).containsEntry("graphql", 1L);
    }

    @Test
    void aFileKnownByItsBlobIdIsNotFetchedAgain() throws Exception {
        FetchService adaptive = service(FetchStrategy.ADAPTIVE);
        String oid = TestWorld.HELLO_BLOB_SHA;
        assertThat(adaptive.fetch(ref(C1, "README.md", oid, 6)).get().succeeded()).isTrue();
        // the same content at another commit: served from the cache
        FetchOutcome again = adaptive.fetch(ref(C2, "README.md", oid, 6)).get();
        assertThat(new String(again.content())).isEqualTo("hello\n");
        assertThat(sim.totalRequests()).isEqualTo(1);
    }

    @Test
    void aMissingFileFailsForGoodAndIsNotRetried() throws Exception {
        FetchOutcome outcome = service(FetchStrategy.ADAPTIVE).fetch(ref(C2, "docs/old.txt", null, -1)).get();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.failure()).contains("not found");
    }

    @Test
    void treesAskedTogetherAreListedInOneRequest() throws Exception {
        FetchService adaptive = service(FetchStrategy.ADAPTIVE);
        var first = adaptive.tree(REPO, C1);
        var second = adaptive.tree(REPO, C2);
        assertThat(first.get().files()).extracting(io.iocstream.github.TreeEntry::path).contains("README.md", "f0.txt");
        assertThat(second.get().files()).extracting(io.iocstream.github.TreeEntry::path).contains("src/lib/added.js");
        assertThat(sim.requestCounts()).containsEntry("graphql", 1L);
    }

    private static FileRef ref(String commit, String path, String oid, long size) {
        return new FileRef(REPO, "refs/heads/main", commit, path, Trigger.PUSH, 1, 1, oid, size);
    }
}
