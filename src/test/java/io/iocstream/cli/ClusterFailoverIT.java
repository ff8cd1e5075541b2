package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.alerts.ReceiverServer;
import io.iocstream.core.DeadLetter;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.match.Finding;
import io.iocstream.match.FindingKind;
import io.iocstream.match.Findings;
import io.iocstream.parse.Dependency;
import io.iocstream.testing.FlinkRest;
import io.iocstream.testing.KafkaProcess;
import io.iocstream.testing.StandaloneCluster;
import io.iocstream.testing.SteadyProducer;
import io.iocstream.world.WorldGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover in production conditions, every part a process of its own: a standalone Flink cluster (JobManager and
 * TaskManager JVMs from flink-runtime's entry points, RocksDB incremental checkpoints every second into a temporary
 * directory) runs the cluster jar's {@code job --config FILE}; a Kafka broker runs as its own process; the GitHub
 * simulator answers a small share of requests with 502, 503, 429, a reset connection or a slow body, which the job
 * retries. A generated world's pushes are produced to the input topic at a steady rate, and while they flow the
 * TaskManager is killed with SIGKILL three times (a new one started each time, the job left to recover in between)
 * and the broker is restarted once. Afterwards the findings topic, read with {@code read_committed}, holds every
 * finding of the world's expected.jsonl exactly once (its key fields, and finding id with status); a generic alert
 * receiver (a real HTTP server on loopback) got every open finding at least once, and every repeat under the same
 * de-duplication key; and the dead-letter topic holds no fetch failure. Run by {@code mvn -B -Pfailover verify} (docs/operations.md); on a
 * failure every process's log is kept under target/failover-logs.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ClusterFailoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLUSTER_JAR = Path.of("target/iocstream-cluster.jar");
    private static final Path KEPT_LOGS = Path.of("target/failover-logs");
    private static final int REPOS = 30;
    private static final int PUSHES = 600;
    private static final long SEED = 18;
    private static final double PUSHES_PER_SECOND = 10;
    /** One request in twenty fails; the job retries each up to five times, so none fails for good (p = 0.05^6). */
    private static final double ERROR_RATE = 0.05;
    private static final Duration BROKER_DOWN = Duration.ofSeconds(5);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);

    /** What happens to the running job, in order, each while a batch of pushes flows in. */
    private enum Disruption { KILL_TASK_MANAGER, RESTART_BROKER }

    private static final List<Disruption> DISRUPTIONS = List.of(Disruption.KILL_TASK_MANAGER,
            Disruption.KILL_TASK_MANAGER, Disruption.RESTART_BROKER, Disruption.KILL_TASK_MANAGER);

    @TempDir
    Path dir;

    private final Timeline timeline = new Timeline();

    @Test
    void killedTaskManagersAndARestartedBrokerLoseNoFindingAndWriteNoneTwice() throws Exception {
        Path world = dir.resolve("world");
        WorldGenerator.Summary generated = new WorldGenerator(new WorldGenerator.Settings(world, REPOS, PUSHES, SEED,
                0)).generate();
        assertThat(generated.expectedFindings()).as("the world plants IOCs").isPositive();
        timeline.note("world: %d repositories, %d pushes, %d expected findings", generated.repos(),
                generated.pushes(), generated.expectedFindings());

        SimulatorOptions faults = SimulatorOptions.of(0, ERROR_RATE, SimulatorOptions.DEFAULT_RATE_LIMIT);
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"));
                GitHubSimulator github = GitHubSimulator.start(world, faults, 0);
                ReceiverServer alerts = ReceiverServer.webhook();
                StandaloneCluster cluster = StandaloneCluster.start(Path.of("flink-conf"), clusterSettings(),
                        Path.of(System.getProperty("iocstream.runtimeClasspath", "target/runtime-classpath.txt")),
                        CLUSTER_JAR, dir.resolve("cluster"))) {
            timeline.note("broker and cluster started");
            try {
                Run run = run(kafka, github, alerts, cluster, world);

                timeline.note("GitHub simulator: %d requests, %d answered with an injected fault", github.totalRequests(),
                        github.requestCounts().getOrDefault("injected_error", 0L));
                assertThat(run.restores()).as("the job restored a checkpoint after each kill").isGreaterThanOrEqualTo(3);
                assertThat(github.requestCounts().getOrDefault("injected_error", 0L))
                        .as("the simulator's faults were met").isPositive();
                assertThat(DemoCommand.compareWithExpected(World.open(world), run.findings()))
                        .isEqualTo("All " + generated.expectedFindings()
                                + " findings match the world's expected.jsonl.");
                assertThat(run.findings()).extracting(finding -> finding.findingId() + " " + finding.status())
                        .as("finding id and status, each as often as expected.jsonl has it")
                        .containsExactlyInAnyOrderElementsOf(expectedIdsAndStatuses(world));
                assertThat(run.deadLetters()).as("no fetch failure however often GitHub failed")
                        .noneMatch(dead -> dead.stage().equals("fetch"));
                assertThat(run.deadLetters()).as("a generated world has no bad input").isEmpty();
                assertAlerted(alerts, run.findings());
            } catch (Throwable failure) {
                Path kept = KEPT_LOGS.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                        "yyyyMMdd-HHmmss")));
                cluster.copyLogs(kept);
                Files.copy(kafka.log(), kept.resolve("broker.log"), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(kept.resolve("timeline.txt"), timeline.text());
                failure.addSuppressed(new AssertionError("the processes' logs are in " + kept.toAbsolutePath()));
                throw failure;
            }
        }
    }

    /** What the run left on the topics, and how often the job restored a checkpoint. */
    private record Run(List<Finding> findings, List<DeadLetter> deadLetters, long restores) {}

    /**
     * Submits the job, feeds it the world's pushes a batch at a time with a disruption during each batch after the
     * first, then the late feed; returns what the findings and dead-letter topics committed.
     */
    private Run run(KafkaProcess kafka, GitHubSimulator github, ReceiverServer alerts, StandaloneCluster cluster,
            Path world) throws Exception {
        KafkaWorld topics = KafkaWorld.withoutEvents(kafka, "failover", world);
        Path yaml = topics.writeJobYaml(dir.resolve("job.yaml"), github.baseUrl(), KafkaWorld.TOKEN_AUTH, null, false);
        // sinks.kafka is the last section: the alerts join sinks; every open finding to the receiver, under no limit
        Files.writeString(yaml, """
                  alerts:
                    receivers:
                      - {name: soar, type: webhook, url: "%s"}
                    routes:
                      - {name: all, receiver: soar, triggers: [push, baseline, retro_hunt], max_alerts: 100000}
                    retro_hunt_window: 200ms
                    initial_backoff: 100ms
                """.formatted(alerts.url("/findings")), StandardOpenOption.APPEND);
        FlinkRest rest = cluster.rest();
        String job = rest.run(rest.upload(CLUSTER_JAR), Main.class.getName(),
                List.of("job", "--config", yaml.toAbsolutePath().toString()), 2);
        rest.awaitState(job, "RUNNING", RECOVERY_TIMEOUT);
        timeline.note("job %s running", job);
        long restores;
        try (SteadyProducer pushes = SteadyProducer.start(kafka.bootstrapServers(), topics.eventsTopic(),
                topics.eventRecords(), PUSHES_PER_SECOND)) {
            int batch = PUSHES / (DISRUPTIONS.size() + 1);
            pushes.allow(batch);
            await("the first batch of pushes produced and checkpointed", () -> pushes.sent() >= batch
                    && checkpoints(rest, job).completed() > 2);
            timeline.note("first batch in, %d checkpoints completed", checkpoints(rest, job).completed());
            for (Disruption disruption : DISRUPTIONS) {
                pushes.allow(batch);
                // into the batch's flow, so that pushes are read, fetched and written across the disruption
                Thread.sleep((long) (batch / PUSHES_PER_SECOND * 1000 / 3));
                timeline.note("%s (pushes produced: %d of %d)", disruption, pushes.sent(), pushes.total());
                long took = switch (disruption) {
                    case KILL_TASK_MANAGER -> killTaskManager(cluster, job);
                    case RESTART_BROKER -> restartBroker(kafka, rest, job);
                };
                timeline.note("recovered in %.1f s (pushes produced: %d)", took / 1e9, pushes.sent());
            }
            pushes.allowAll();
            pushes.awaitAcknowledged(RECOVERY_TIMEOUT);
            timeline.note("all %d pushes acknowledged by the broker", pushes.total());
            topics.awaitAllFindings();
            timeline.note("every expected finding committed (late feed included)");
            restores = checkpoints(rest, job).restores();
        } finally {
            rest.cancel(job, RECOVERY_TIMEOUT);
        }
        return new Run(topics.committedFindings(), topics.committedDeadLetters(), restores);
    }

    /**
     * Kills the TaskManager with SIGKILL, starts a new one and waits until the job has restored its last checkpoint
     * on it, every task runs and a checkpoint has completed since; returns how long that took, in nanoseconds.
     */
    private long killTaskManager(StandaloneCluster cluster, String job) throws Exception {
        long start = System.nanoTime();
        long restores = checkpoints(cluster.rest(), job).restores();
        cluster.killTaskManager();
        cluster.startTaskManager();
        timeline.note("new TaskManager registered");
        await("the job restored on the new TaskManager and checkpointed", () -> {
            FlinkRest.Checkpoints now = checkpoints(cluster.rest(), job);
            return now.restores() > restores && now.completedSinceRestore() && allTasksRunning(cluster.rest(), job);
        });
        return System.nanoTime() - start;
    }

    /**
     * Stops the broker (SIGTERM), starts it again after {@link #BROKER_DOWN} and waits until a checkpoint triggered
     * after its return has completed (its transactions committed on the broker) with every task running; returns
     * how long that took, in nanoseconds.
     */
    private long restartBroker(KafkaProcess kafka, FlinkRest rest, String job) throws Exception {
        long start = System.nanoTime();
        kafka.stop();
        Thread.sleep(BROKER_DOWN.toMillis());
        kafka.startAgain();
        long back = System.currentTimeMillis();
        timeline.note("broker back");
        await("a checkpoint after the broker's return", () -> checkpoints(rest, job).latestCompletedTriggeredAt()
                > back && allTasksRunning(rest, job));
        return System.nanoTime() - start;
    }

    /**
     * A standalone cluster as flink-conf/config.yaml makes it (RocksDB, incremental exactly-once checkpoints), with
     * a checkpoint a second; heartbeats a second apart so that a killed TaskManager is noticed in seconds, not
     * Flink's 50; restarts backing off to at most 5 s, so that four failures in a few minutes do not wait minutes.
     */
    private static Map<String, String> clusterSettings() {
        return Map.of(
                "execution.checkpointing.interval", "1s",
                "execution.checkpointing.min-pause", "0s",
                "heartbeat.interval", "1s",
                "heartbeat.timeout", "10s",
                "restart-strategy.exponential-delay.max-backoff", "5s");
    }

    /** One request to the alert receiver: its de-duplication key, trigger or resolve, the findings it carries. */
    private record Delivery(String key, String event, List<String> findingIds) {

        /** A finding's own alert is its record; a group's or summary's lists its records under {@code findings}. */
        static Delivery of(ReceiverServer.Received request) {
            JsonNode body = request.json();
            List<String> ids = new ArrayList<>();
            if (body.has("finding_id")) {
                ids.add(body.get("finding_id").asText());
            }
            body.path("findings").forEach(finding -> ids.add(finding.path("finding_id").asText()));
            return new Delivery(request.header("Idempotency-Key"), request.header("X-Iocstream-Event"), ids);
        }
    }

    /**
     * The receiver got a trigger for every open finding (at least once; exactly the open ones), a finding alone
     * under {@code iocstream:FINDING_ID}; a resolve for every resolved one; and each finding, however often it was
     * sent (a restored job sends again what came after its checkpoint), under one key only.
     */
    private void assertAlerted(ReceiverServer alerts, List<Finding> findings) throws InterruptedException {
        Set<String> open = findings.stream().filter(f -> f.status().equals("open")).map(Finding::findingId)
                .collect(Collectors.toSet());
        Set<String> resolved = findings.stream().filter(f -> f.status().equals("resolved")).map(Finding::findingId)
                .collect(Collectors.toSet());
        // a retro hunt's alert leaves when its gathering window closes, a moment after its findings are committed
        await("a trigger for every open finding", () -> ids(alerts, "trigger").containsAll(open)
                && ids(alerts, "resolve").containsAll(resolved));
        List<Delivery> deliveries = alerts.received().stream().map(Delivery::of).toList();
        assertThat(ids(alerts, "trigger")).as("the findings triggered").isEqualTo(open);
        Map<String, Set<String>> keys = new HashMap<>();
        for (Delivery delivery : deliveries) {
            assertThat(delivery.findingIds()).as("a delivery carries findings").isNotEmpty();
            if (delivery.findingIds().size() == 1 && !delivery.key().startsWith("iocstream:retro-hunt:")) {
                assertThat(delivery.key()).isEqualTo("iocstream:" + delivery.findingIds().get(0));
            }
            delivery.findingIds().forEach(id -> keys.computeIfAbsent(id, k -> new HashSet<>()).add(delivery.key()));
        }
        assertThat(keys).as("each finding under one key, its repeats and its resolve too")
                .allSatisfy((id, its) -> assertThat(its).as(id).hasSize(1));
        long distinct = deliveries.stream().map(d -> d.key() + " " + d.event()).distinct().count();
        timeline.note("alerts: %d deliveries of %d distinct alerts (%d repeats) for %d open and %d resolved findings",
                deliveries.size(), distinct, deliveries.size() - distinct, open.size(), resolved.size());
    }

    /** The ids of the findings the receiver got in deliveries of {@code event} (trigger or resolve). */
    private static Set<String> ids(ReceiverServer alerts, String event) {
        return alerts.received().stream().map(Delivery::of).filter(delivery -> event.equals(delivery.event()))
                .flatMap(delivery -> delivery.findingIds().stream()).collect(Collectors.toSet());
    }

    /** Each expected finding's id (as the matcher makes it) and status. */
    private static List<String> expectedIdsAndStatuses(Path world) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(world.resolve("expected.jsonl"))) {
            JsonNode finding = JSON.readTree(line);
            String repo = finding.path("repo").asText();
            String ref = finding.path("ref").asText();
            String path = finding.path("path").asText();
            FindingKind kind = FindingKind.ofWire(finding.path("kind").asText());
            String id = kind == FindingKind.PACKAGE
                    ? Findings.packageFindingId(repo, ref, path, new Dependency(finding.path("ecosystem").asText(),
                            finding.path("package").asText(), finding.path("version").asText()))
                    : Findings.findingId(repo, ref, path, kind, finding.path("indicator").asText());
            expected.add(id + " " + finding.path("status").asText());
        }
        return expected;
    }

    private static FlinkRest.Checkpoints checkpoints(FlinkRest rest, String job) {
        try {
            return rest.checkpoints(job);
        } catch (IOException e) {
            // the JobManager answers again in a moment: nothing completed as far as we know
            return new FlinkRest.Checkpoints(0, 0, -1, 0, -1);
        }
    }

    private static boolean allTasksRunning(FlinkRest rest, String job) {
        try {
            return rest.allTasksRunning(job);
        } catch (IOException e) {
            return false;
        }
    }

    private void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + RECOVERY_TIMEOUT + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    /** The run's timings, printed as they happen and kept for a failure's logs. */
    private static final class Timeline {

        private final long start = System.nanoTime();
        private final StringBuilder text = new StringBuilder();

        void note(String format, Object... args) {
            String line = String.format("failover %7.1f s  %s", (System.nanoTime() - start) / 1e9,
                    String.format(format, args));
            System.out.println(line);
            text.append(line).append('\n');
        }

        String text() {
            return text.toString();
        }
    }
}
