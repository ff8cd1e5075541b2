package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

    /** What Flink's REST client names the plan it writes to java.io.tmpdir while it submits a job. */
    private static final String PLAN_FILE = "flink-executionPlan-";

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
        Process run = replay(world, tmp, findings, "--summary", summary.toString());
        try {
            awaitClusterFilesIn(tmp, run);
            Thread.sleep(2_000);
            stop(run);
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

    /**
     * Five runs stopped at different moments of their start: twice the moment Flink's client has written the job's
     * plan (the submission under way), and at 0, 1 and 2 s after the local cluster has written its first files
     * (before, during or after the submission).
     */
    @Test
    void sigtermAtAnyMomentOfTheStartLeavesNothingInTheTemporaryDirectory() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        long[] delaysAfterClusterMs = {-1, -1, 0, 1_000, 2_000};
        for (int i = 0; i < delaysAfterClusterMs.length; i++) {
            Path tmp = Files.createDirectory(dir.resolve("tmp-" + i));
            Process run = replay(world, tmp, dir.resolve("findings-" + i + ".jsonl"));
            String moment;
            try {
                if (delaysAfterClusterMs[i] < 0) {
                    moment = "while the job was submitted";
                    awaitPlanFileIn(tmp, run);
                } else {
                    moment = delaysAfterClusterMs[i] + " ms after the local cluster started";
                    awaitClusterFilesIn(tmp, run);
                    Thread.sleep(delaysAfterClusterMs[i]);
                }
                stop(run);
            } finally {
                run.destroyForcibly();
            }
            assertThat(everythingIn(tmp)).as("left in java.io.tmpdir by run %d, stopped %s; run log:%n%s", i, moment,
                    Files.readString(dir.resolve("run.log"))).isEmpty();
        }
    }

    /** Starts a replay of {@code world} in a JVM of its own whose java.io.tmpdir is {@code tmp}. */
    private Process replay(Path world, Path tmp, Path findings, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "replay", "--world", world.toString(), "--out", findings.toString(),
                // every simulated request takes 2 s, so the run is still fetching when it is stopped
                "--sim-latency-ms", "2000"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile()).start();
    }

    private static void stop(Process run) throws Exception {
        run.destroy();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
    }

    /** Waits until the local cluster has started writing its files (under java.io.tmpdir, wherever there). */
    private static void awaitClusterFilesIn(Path tmp, Process run) throws Exception {
        await(run, "cluster started", 100, () -> everythingIn(tmp).stream()
                .anyMatch(path -> path.toString().contains("minicluster_")));
    }

    /** Waits until Flink's client has written the job's plan, which it deletes once the job is submitted. */
    private static void awaitPlanFileIn(Path tmp, Process run) throws Exception {
        await(run, "job submitted", 2, () -> {
            try (Stream<Path> files = Files.list(tmp)) {
                return files.anyMatch(path -> path.getFileName().toString().startsWith(PLAN_FILE));
            }
        });
    }

    private static void await(Process run, String what, long pollMs, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen(done)) {
            assertThat(run.isAlive()).as("run still going").isTrue();
            assertThat(System.nanoTime()).as(what + " within a minute").isLessThan(deadline);
            Thread.sleep(pollMs);
        }
    }

    /** Whether {@code done} is true; a file that the run deletes while it is being looked at is looked at again. */
    private static boolean seen(Callable<Boolean> done) throws Exception {
        try {
            return done.call();
        } catch (UncheckedIOException | NoSuchFileException vanished) {
            return false;
        }
    }

    private static List<Path> everythingIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(path -> !path.equals(dir)).toList();
        }
    }
}
