package io.iocstream.fetch;

import static io.iocstream.github.sim.TestWorld.C1;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.github.sim.CostModel;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch GitHub abandons at its time limit, through the real fetch service and GitHub client against the simulator
 * with its cost model: the batch is split and asked again, every file arrives exactly once and correct, and the
 * splits are counted.
 */
class FetchTimeoutSplitTest {

    @TempDir
    Path world;

    private GitHubSimulator sim;
    private FetchService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.release();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aBatchAbandonedForTimeIsSplitAndEveryFileArrivesOnce() throws Exception {
        TestWorld.write(world);
        Path c1 = world.resolve("repos/acme/widget/" + C1);
        int files = 25;
        for (int i = 0; i < files; i++) {
            Files.writeString(c1.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        // 25 ms an object against a 400 ms limit: the adaptive strategy's first batch of 25 files (and their
        // repository) is modelled at 650 ms and abandoned; halves of 12 and 13 (325 and 350 ms) are answered
        CostModel model = new CostModel(25_000, 0, 0, Duration.ofMillis(400), 2_000, 900);
        sim = GitHubSimulator.start(world, SimulatorOptions.of(0, 0.0, SimulatorOptions.DEFAULT_RATE_LIMIT)
                .withCost(model), 0);
        service = FetchService.acquire(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE));

        List<CompletableFuture<FetchOutcome>> results = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            results.add(service.fetch(new FileRef(TestWorld.REPO, "refs/heads/main", C1, "f" + i + ".txt",
                    Trigger.BASELINE, 1, files, null, -1)));
        }
        Set<String> contents = new HashSet<>();
        for (int i = 0; i < files; i++) {
            FetchOutcome outcome = results.get(i).get();
            assertThat(outcome.succeeded()).as("f%d.txt", i).isTrue();
            assertThat(new String(outcome.content())).isEqualTo("file " + i + "\n");
            contents.add(new String(outcome.content()));
        }
        assertThat(contents).hasSize(files);
        // the first batch (all 25, unless the batcher's 50 ms ran out first) was abandoned, its halves answered
        long timedOut = sim.requestCounts().getOrDefault("timed_out", 0L);
        assertThat(timedOut).isGreaterThanOrEqualTo(1);
        assertThat(sim.requestCounts().get("graphql")).isGreaterThanOrEqualTo(2L);
        assertThat(sim.requestCounts()).doesNotContainKey("contents");
        assertThat(service.takeUnreportedSplits()).isEqualTo(timedOut);
        // the next batches are bounded by what the abandoned one taught: no more than half its files
        assertThat(service.controller().batchSize()).isLessThanOrEqualTo(files / 2 + files / 8 + 1);
    }

    @Test
    void aTreeBatchAbandonedForTimeIsSplitAndEveryTreeIsListed() throws Exception {
        TestWorld.write(world);
        Path c1 = world.resolve("repos/acme/widget/" + C1);
        for (int i = 0; i < 25; i++) {
            Files.writeString(c1.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        // 5 ms a tree entry against a 400 ms limit: C1 lists 33 entries (165 ms), three of it in one query 495 ms
        CostModel model = new CostModel(0, 5_000, 0, Duration.ofMillis(400), 2_000, 900);
        sim = GitHubSimulator.start(world, SimulatorOptions.of(0, 0.0, SimulatorOptions.DEFAULT_RATE_LIMIT)
                .withCost(model), 0);
        service = FetchService.acquire(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE));

        List<CompletableFuture<io.iocstream.github.TreeListing>> trees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trees.add(service.tree(TestWorld.REPO, C1));
        }
        for (CompletableFuture<io.iocstream.github.TreeListing> tree : trees) {
            assertThat(tree.get().files()).hasSize(29);
        }
        long timedOut = sim.requestCounts().getOrDefault("timed_out", 0L);
        assertThat(timedOut).isGreaterThanOrEqualTo(1);
        // no tree fell back to REST: halves were small enough
        assertThat(sim.requestCounts()).doesNotContainKey("trees");
        assertThat(service.takeUnreportedSplits()).isEqualTo(timedOut);
    }
}
