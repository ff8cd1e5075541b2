package io.iocstream.cli;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Takes the savepoint {@link SavepointRestoreIT} restores: the production job over the sample world's first
 * {@value SavepointWorld#PUSHES_BEFORE} event lines on a local cluster, stopped with a savepoint in Flink's
 * canonical format (any state backend restores it) once their findings are out. Run it when a build writes state
 * in a new format, so the next build is tested against it too; keep the earlier savepoints. From the project
 * directory:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.iocstream.cli.SavepointGenerator \
 *     src/test/resources/savepoints/NAME
 * </pre>
 */
public final class SavepointGenerator {

    private SavepointGenerator() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SavepointGenerator TARGET_DIRECTORY");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        Path dir = Files.createTempDirectory("savepoint-world");
        Path world = SavepointWorld.unpack(dir.resolve("world"), SavepointWorld.PUSHES_BEFORE);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withPollIntervalSeconds(1),
                0)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            SavepointWorld.addTo(env, world, sim.baseUrl(), dir);
            JobClient job = env.executeAsync("savepoint generator");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (SavepointWorld.FINDINGS.size() < 4) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + SavepointWorld.FINDINGS + " in a minute; job "
                            + job.getJobStatus().get() + ", dead letters " + SavepointWorld.DEAD_LETTERS);
                }
                Thread.sleep(100);
            }
            // a few more polls, so that nothing is still on its way when the savepoint is taken
            Thread.sleep(2_000);
            String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            System.out.println("findings before the savepoint: " + SavepointWorld.FINDINGS);
            System.out.println("dead letters: " + SavepointWorld.DEAD_LETTERS.size());
            copy(Path.of(java.net.URI.create(savepoint)), target);
            System.out.println("savepoint written to " + target);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
