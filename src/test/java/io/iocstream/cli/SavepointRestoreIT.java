package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every savepoint under {@code src/test/resources/savepoints}, each taken by the build of its day
 * ({@link SavepointGenerator}) of the production job part-way through the sample world, restores into this build on
 * RocksDB (as a cluster runs it) and finishes the world: the findings still to come, and none of those made before
 * the savepoint again. State is not dropped: an operator of the savepoint that this build's graph lacks fails the
 * restore (non-restored state is not allowed). A change that breaks a restore (a uid, a state name, a serializer
 * that no longer reads an earlier format) fails here.
 */
class SavepointRestoreIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The sample world's findings after the first {@value SavepointWorld#PUSHES_BEFORE} event lines. */
    private static final List<Tuple> AFTER_THE_SAVEPOINT = SampleWorldFindings.EXPECTED.stream()
            .filter(expected -> !List.of(SampleWorldFindings.S1, SampleWorldFindings.P2, SampleWorldFindings.L1)
                    .contains(expected.toList().get(4)))
            .toList();

    @TempDir
    Path dir;

    static Stream<Path> savepoints() throws Exception {
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/savepoints"))) {
            return dirs.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("savepoints")
    void restoresAndFinishesTheWorld(Path savepoint) throws Exception {
        SavepointWorld.FINDINGS.clear();
        SavepointWorld.DEAD_LETTERS.clear();
        Path world = SavepointWorld.unpack(dir.resolve("world"), SavepointWorld.PUSHES_BEFORE);
        SavepointWorld.pushTheRest(world);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withPollIntervalSeconds(1),
                0)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            Configuration rocksDb = new Configuration();
            rocksDb.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            env.configure(rocksDb);
            SavepointWorld.addTo(env, world, sim.baseUrl(), dir);
            StreamGraph graph = env.getStreamGraph();
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint.toAbsolutePath().toString(),
                    false));
            JobClient job = env.executeAsync(graph);
            try {
                awaitFindings(AFTER_THE_SAVEPOINT.size() - 1, job);
                // a new IOC in the feed directory: the restored inventories are hunted
                Path later = world.resolve("iocs-later/osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json");
                Path target = world.resolve("iocs").resolve(world.resolve("iocs-later").relativize(later).toString());
                Files.createDirectories(target.getParent());
                Files.copy(later, target);
                awaitFindings(AFTER_THE_SAVEPOINT.size(), job);
                // more polls of both sources: nothing may come twice
                Thread.sleep(2_000);
            } finally {
                job.cancel().get();
            }
        }
        assertThat(SavepointWorld.FINDINGS).extracting(SampleWorldFindings::fields)
                .containsExactlyInAnyOrderElementsOf(AFTER_THE_SAVEPOINT);
        assertThat(SavepointWorld.DEAD_LETTERS).isEmpty();
        // the restored inventories know why each finding resolved
        assertThat(SavepointWorld.FINDINGS).filteredOn(f -> f.status().equals("resolved"))
                .extracting(f -> f.ref(), f -> f.resolution())
                .containsExactlyInAnyOrder(tuple("refs/heads/main", "removed_by_push"),
                        tuple("refs/heads/feature/legacy-colors", "ref_deleted"));
    }

    private static void awaitFindings(int count, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (SavepointWorld.FINDINGS.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + SavepointWorld.FINDINGS.size() + " of " + count + " findings in "
                        + TIMEOUT + " (job " + job.getJobStatus().get() + "): " + SavepointWorld.FINDINGS
                        + "; dead letters " + SavepointWorld.DEAD_LETTERS);
            }
            Thread.sleep(50);
        }
    }

}
