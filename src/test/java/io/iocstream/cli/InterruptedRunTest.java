package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code replay} in a JVM of its own, stopped by SIGTERM in the middle of the run, as a user's Ctrl-C or a
 * container stop would: it must leave nothing in its temporary directory, and the results of the previous run
 * as they were.
 */
class InterruptedRunTest {

    @TempDir
    Path dir;

    @Test
    void sigtermMidRunLeavesNothingInTheTemporaryDirectoryAndThePreviousResults() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path results = Files.createDirectory(dir.resolve("results"));
        Path findings = Files.writeString(results.resolve("findings.jsonl"), "previous findings\n");
        Path deadLetters = Files.writeString(ReplayRun.deadLetterPath(findings), "previous dead letters\n");
        Path summary = Files.writeString(results.resolve("summary.json"), "{\"previous\": true}");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "replay", "--world", world.toString(), "--out", findings.toString(),
                "--summary", summary.toString(),
                // every simulated request takes 2 s, so the run is still fetching when it is stopped
                "--sim-latency-ms", "2000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
        try {
            awaitFlinkFilesIn(tmp, run);
            Thread.sleep(2_000);
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        } finally {
            run.destroyForcibly();
        }
        assertThat(everythingIn(tmp)).as("left in java.io.tmpdir; run log:%n%s",
                Files.readString(dir.resolve("run.log"))).isEmpty();
        assertThat(findings).hasContent("previous findings");
        assertThat(deadLetters).hasContent("previous dead letters");
        assertThat(summary).hasContent("{\"previous\": true}");
        assertThat(everythingIn(results)).as("no partial file left beside them")
                .containsExactlyInAnyOrder(findings, deadLetters, summary);
    }

    /** Waits until the local cluster has started writing its files (under java.io.tmpdir, wherever there). */
    private static void awaitFlinkFilesIn(Path tmp, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (everythingIn(tmp).stream().noneMatch(path -> path.toString().contains("minicluster_"))) {
            assertThat(run.isAlive()).as("run still going").isTrue();
            assertThat(System.nanoTime()).as("cluster started within a minute").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Path> everythingIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(path -> !path.equals(dir)).toList();
        }
    }
}
