package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import io.iocstream.world.WorldGenerator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The spool path end to end: with files streamed to disk above 1 KB, nearly every lockfile of a small generated
 * world (one of them a 1 MiB monorepo lockfile) is fetched into a spool file and parsed from it by the real
 * pipeline (spooled in the local cluster's {@code io.tmp.dirs}), and the findings are exactly the world's expected
 * ones, with no dead letter and no spool left behind. That each spool goes as soon as its file is parsed is
 * {@code OutcomeRecorderTest}'s and {@code FetchServiceTest}'s to show.
 */
class SpooledFilesReplayTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = FetchStrategy.class, names = {"ADAPTIVE", "SEQUENTIAL"})
    void aWorldReadThroughSpoolsGivesExactlyItsExpectedFindings(FetchStrategy strategy) throws Exception {
        WorldGenerator.Summary generated = new WorldGenerator(
                new WorldGenerator.Settings(dir.resolve("world"), 8, 40, 11, 1, 0, 1)).generate();
        World world = World.open(dir.resolve("world"));
        Path out = dir.resolve("findings.jsonl");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String ours = "iocstream-spool-" + ProcessHandle.current().pid() + "-";
        assertThat(spoolDirectories(tmp, ours)).as("no spool directory of this process before the run").isEmpty();

        AtomicBoolean sawSpools = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                for (Path spoolDir : spoolDirectories(tmp, ours)) {
                    try (Stream<Path> files = Files.list(spoolDir)) {
                        sawSpools.compareAndSet(false, files.findAny().isPresent());
                    } catch (IOException gone) {
                        // removed between the listing and the look: the run moved on
                    }
                }
                Thread.onSpinWait();
            }
        });
        watcher.start();
        RunSummary summary;
        try {
            summary = ReplayRun.run(ReplayCommand.options(world, out, null, 2, strategy, 0, 0, true)
                    .withFileSizes(1024, FetchSettings.DEFAULT_MAX_FILE_BYTES), ReplayRun.Listener.SILENT);
        } finally {
            running.set(false);
            watcher.join();
        }

        FindingsSchema.assertValidFile(out);
        List<Finding> findings = ReplayOutput.findings(out);
        assertThat(DemoCommand.compareWithExpected(world, findings))
                .isEqualTo("All " + generated.expectedFindings() + " findings match the world's expected.jsonl.");
        assertThat(summary.deadLetters()).isZero();
        assertThat(sawSpools).as("files went through spool files").isTrue();
        assertThat(spoolDirectories(tmp, ours)).as("spools left behind").isEmpty();
    }

    private static List<Path> spoolDirectories(Path tmp, String prefix) {
        List<Path> found = new java.util.ArrayList<>();
        // the local cluster's io.tmp.dirs is a scratch directory of its own under the JVM's
        try (DirectoryStream<Path> scratch = Files.newDirectoryStream(tmp, "iocstream-flink-*")) {
            for (Path flinkTmp : scratch) {
                try (DirectoryStream<Path> children = Files.newDirectoryStream(flinkTmp, prefix + "*")) {
                    children.forEach(found::add);
                } catch (IOException gone) {
                    // the cluster removed it meanwhile
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }
}
