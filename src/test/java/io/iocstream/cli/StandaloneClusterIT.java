package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.core.DeadLetter;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.match.Finding;
import io.iocstream.testing.KafkaBrokerExtension;
import io.iocstream.testing.StandaloneCluster;
import io.iocstream.world.WorldGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar on a real Flink cluster: a standalone session cluster (JobManager and TaskManager, each its own
 * process, configured by flink-conf/config.yaml: RocksDB, exactly-once checkpoints, here every second into a
 * temporary directory) is given target/iocstream-cluster.jar, through Flink's REST API or with {@code flink run},
 * and runs {@code job --config FILE} from it; the pushes come from a real Kafka broker in this JVM and the files
 * from the GitHub simulator. The findings topic, read with {@code read_committed}, then holds exactly the world's
 * expected findings, each once. CONTRACT's form, {@code flink run target/iocstream.jar job ...} of the jar that bundles
 * Flink, runs the job on the cluster too. A bad job file fails the submission with its line and the cluster lives on.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {

    private static final Path CLUSTER_JAR = Path.of("target/iocstream-cluster.jar");
    /** The jar bin/iocstream runs, Flink bundled: CONTRACT's {@code flink run target/iocstream.jar job ...}. */
    private static final Path LOCAL_JAR = Path.of("target/iocstream.jar");
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path clusterDir;

    @TempDir
    Path dir;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static StandaloneCluster cluster;
    private static String jarId;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(Path.of("flink-conf"), Map.of(
                "execution.checkpointing.interval", "1s",
                "execution.checkpointing.min-pause", "0s"),
                Path.of(System.getProperty("iocstream.runtimeClasspath", "target/runtime-classpath.txt")),
                CLUSTER_JAR, clusterDir);
        jarId = cluster.rest().upload(CLUSTER_JAR);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void submittedThroughTheRestApiTheSampleWorldsFindingsReachTheTopicExactlyOnce() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));

        Read read = run("cluster-sample", world, StandaloneClusterIT::submitThroughRest);

        assertThat(read.findings()).extracting(SampleWorldFindings::fields)
                .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
        assertThat(read.deadLetters()).as("each bad event line a dead letter, once").doesNotHaveDuplicates()
                .anyMatch(dead -> dead.stage().equals("ingest")
                        && dead.reason().equals("unsupported event type: IssuesEvent"));
        assertThat(cluster.logs()).as("the cluster's logs").doesNotContain(System.getenv("IOCSTREAM_TEST_TOKEN"));
    }

    @Test
    void submittedWithFlinkRunAGeneratedWorldsFindingsReachTheTopicExactlyOnce() throws Exception {
        Path world = dir.resolve("world");
        WorldGenerator.Summary generated = new WorldGenerator(new WorldGenerator.Settings(world, 8, 30, 11, 0))
                .generate();
        assertThat(generated.expectedFindings()).as("the world plants IOCs").isPositive();

        Read read = run("cluster-generated", world, StandaloneClusterIT::submitWithFlinkRun);

        assertThat(DemoCommand.compareWithExpected(World.open(world), read.findings()))
                .isEqualTo("All " + generated.expectedFindings() + " findings match the world's expected.jsonl.");
    }

    @Test
    void theContractsFormFlinkRunOfTheLocalJarRunsTheJobToo() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));

        Read read = run("cluster-local-jar", world, StandaloneClusterIT::submitLocalJarWithFlinkRun);

        assertThat(read.findings()).extracting(SampleWorldFindings::fields)
                .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
    }

    @Test
    void aBadConfigurationFailsTheSubmissionWithItsLineAndTheClusterLivesOn() throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "sources: {}\n");

        assertThatThrownBy(() -> submitThroughRest(yaml))
                .hasMessageContaining("HTTP 400").hasMessageContaining("iocstream: config error: sources");
        StandaloneCluster.ClientRun flinkRun = cluster.flink("run", "-d", "-c", Main.class.getName(),
                CLUSTER_JAR.toAbsolutePath().toString(), "job", "--config", yaml.toString());
        assertThat(flinkRun.exitCode()).isEqualTo(1);
        assertThat(flinkRun.output()).contains("iocstream: config error: sources");
        assertThat(cluster.rest().taskManagers()).as("the JobManager still answers, its TaskManager registered")
                .isEqualTo(1);
    }

    /** What the job committed to the findings and dead-letter topics. */
    record Read(List<Finding> findings, List<DeadLetter> deadLetters) {}

    /** One way to hand the cluster {@code job --config YAML}; gives the job's id. */
    interface Submission {
        String submit(Path yaml) throws Exception;
    }

    /** Submits the job for {@code world}, reads its findings back, then cancels it. */
    private Read run(String name, Path world, Submission submission) throws Exception {
        KafkaWorld topics = KafkaWorld.create(kafka, name, world);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0)) {
            String job = submission.submit(topics.writeJobYaml(dir.resolve("job.yaml"), sim.baseUrl(),
                    KafkaWorld.TOKEN_AUTH, null, false));
            try {
                cluster.rest().awaitState(job, "RUNNING", JOB_TIMEOUT);
                assertThat(cluster.rest().parallelism(job)).as("the keyed stages' parallelism").isEqualTo(2);
                topics.awaitAllFindings();
            } finally {
                // the next test's job needs the slots
                cluster.rest().cancel(job, JOB_TIMEOUT);
            }
        }
        return new Read(topics.committedFindings(), topics.committedDeadLetters());
    }

    /** POST /jars/ID/run of the uploaded cluster jar, as a deployment script or the web UI does. */
    private static String submitThroughRest(Path yaml) throws Exception {
        return cluster.rest().run(jarId, Main.class.getName(),
                List.of("job", "--config", yaml.toAbsolutePath().toString()), 2);
    }

    /** {@code flink run -d -c io.iocstream.cli.Main target/iocstream-cluster.jar job --config YAML}. */
    private static String submitWithFlinkRun(Path yaml) throws Exception {
        return flinkRun("run", "-d", "-c", Main.class.getName(), CLUSTER_JAR.toAbsolutePath().toString(), "job",
                "--config", yaml.toAbsolutePath().toString());
    }

    /** {@code flink run -d target/iocstream.jar job --config YAML}: the jar's manifest names the main class. */
    private static String submitLocalJarWithFlinkRun(Path yaml) throws Exception {
        return flinkRun("run", "-d", LOCAL_JAR.toAbsolutePath().toString(), "job", "--config",
                yaml.toAbsolutePath().toString());
    }

    /** Runs Flink's client with {@code args}; gives the id of the job it submitted. */
    private static String flinkRun(String... args) throws Exception {
        StandaloneCluster.ClientRun flinkRun = cluster.flink(args);
        assertThat(flinkRun.exitCode()).as(flinkRun.output()).isZero();
        Matcher submitted = Pattern.compile("JobID ([0-9a-f]{32})").matcher(flinkRun.output());
        assertThat(submitted.find()).as("a job id in: " + flinkRun.output()).isTrue();
        return submitted.group(1);
    }
}
