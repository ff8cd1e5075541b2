package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.findings.JsonLines;
import io.iocstream.github.TestAppKey;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorAuth;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.job.JobConfig;
import io.iocstream.job.JobConfigReader;
import io.iocstream.match.Finding;
import io.iocstream.testing.KafkaBroker;
import io.iocstream.world.WorldGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production job against a real Kafka broker: a world's pushes produced to the input topic, the job assembled
 * from a YAML file as {@code job --config} assembles it and run on a local cluster with RocksDB and a checkpoint a
 * second, against the GitHub simulator; the late IOC feed published to the feed topic once the pushes are judged.
 * The findings topic, read as consumers must ({@code read_committed}), then holds exactly the world's expected
 * findings, each once, keyed by finding id and written as the replay writes them; the day folders hold the same.
 * The generated world's job reads GitHub as an App installation, against a simulator that takes nothing else.
 * A world of repositories never pushed to is baselined in full through the configured repository listing, beside
 * the (empty) events topic. In the sample world's run the task manager crashes part-way: the job restores from its last checkpoint (RocksDB
 * state, Kafka offsets, open transactions aborted) and still writes every finding exactly once.
 */
class JobKafkaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Long enough for two more checkpoints: anything written twice would be committed by then. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private static final String APP_ID = "Iv1.jobtest";
    private static final TestAppKey APP_KEY = TestAppKey.generate();

    private static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void theSampleWorldsFindingsReachTheTopicAndTheDayFoldersExactlyOnce() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));

        Run run = run("sample", world, 3, false, false);

        assertThat(run.findings()).extracting(SampleWorldFindings::fields)
                .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
        assertThat(run.filed()).extracting(SampleWorldFindings::fields)
                .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
        assertThat(run.deadLetters()).as("each bad event line a dead letter, once").doesNotHaveDuplicates()
                .anyMatch(dead -> dead.stage().equals("ingest")
                        && dead.reason().equals("unsupported event type: IssuesEvent"));
    }

    @Test
    void aGeneratedWorldsFindingsReachTheTopicAndTheDayFoldersExactlyOnce() throws Exception {
        Path world = dir.resolve("world");
        WorldGenerator.Summary generated = new WorldGenerator(new WorldGenerator.Settings(world, 12, 60, 7, 0))
                .generate();
        assertThat(generated.expectedFindings()).as("the world plants IOCs").isPositive();

        Run run = run("generated", world, 0, false, true);

        String match = "All " + generated.expectedFindings() + " findings match the world's expected.jsonl.";
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.findings())).isEqualTo(match);
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.filed())).isEqualTo(match);
        assertThat(run.deadLetters()).isEmpty();
    }

    @Test
    void anOrganisationNeverPushedToIsBaselinedByTheListing() throws Exception {
        Path world = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(world, 0, 0, 3, 0, 20)).generate();
        int expected = Files.readAllLines(world.resolve("expected.jsonl")).size();
        assertThat(expected).as("the world plants IOCs").isPositive();

        Run run = run("dormant", world, 0, true, false);

        String match = "All " + expected + " findings match the world's expected.jsonl.";
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.findings())).isEqualTo(match);
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.filed())).isEqualTo(match);
        assertThat(run.findings()).extracting(Finding::trigger).containsOnly("baseline");
    }

    /** What one run left: the findings topic, the dead-letter topic and the day folders. */
    record Run(List<Finding> findings, List<DeadLetter> deadLetters, List<Finding> filed) {}

    /**
     * Runs the job over {@code world}; once {@code crashAfter} findings are committed (0: never), the task manager
     * is stopped as a crash would and another started, so the job restores from its last checkpoint and goes on.
     * With {@code listOrganisation} the repository listing of the world's organisation feeds the job too; with
     * {@code asApp} the job reads GitHub as an App installation, and the simulator takes nothing else.
     */
    private Run run(String name, Path world, int crashAfter, boolean listOrganisation, boolean asApp)
            throws Exception {
        String pushes = name + "-pushes";
        String feeds = name + "-feeds";
        String findings = name + "-findings";
        String deadLetters = name + "-dead-letters";
        kafka.createTopic(pushes, 3, false);
        kafka.createTopic(feeds, 1, true);
        kafka.createTopic(findings, 2, false);
        kafka.createTopic(deadLetters, 1, false);
        List<String> lines = Files.readAllLines(world.resolve("events.ndjson"), StandardCharsets.UTF_8);
        kafka.produce(pushes, lines.stream().map(line -> record(repository(line), line)).toList());
        List<JsonNode> expected = expected(world);
        long beforeLateFeed = expected.stream().filter(f -> !f.path("trigger").asText().equals("retro_hunt")).count();
        Path files = dir.resolve("findings-files");

        Path appKey = asApp ? APP_KEY.writePkcs1(dir.resolve("app.pem")) : null;
        SimulatorOptions options = asApp ? SimulatorOptions.defaults().withAuth(SimulatorAuth.none()
                .withApp(APP_ID, APP_KEY.publicKey(), SimulatorAuth.GITHUB_TOKEN_LIFETIME).requiringCredentials())
                : SimulatorOptions.defaults();
        try (GitHubSimulator sim = GitHubSimulator.start(world, options, 0);
                JobRun job = JobRun.start(config(sim, pushes, feeds, findings, deadLetters, world, files,
                        listOrganisation, appKey),
                        flinkConfiguration())) {
            if (crashAfter > 0) {
                readFindings(findings, crashAfter);
                job.cluster().replaceTaskManager();
            }
            List<Finding> seen = readFindings(findings, beforeLateFeed);
            assertThat(seen).as("findings before the late feed").hasSize((int) beforeLateFeed);
            // the late feed arrives by the feed topic, one record per file: the inventories in state are hunted
            kafka.produce(feeds, feedFiles(world.resolve("iocs-later")));
            readFindings(findings, expected.size());
            Thread.sleep(SETTLE.toMillis());
            job.job().cancel().get();
        }
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readCommitted(findings, read -> false, SETTLE);
        List<Finding> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Finding finding = JSON.readValue(record.value(), Finding.class);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(finding.findingId());
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(JsonLines.of(finding));
            read.add(finding);
        }
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readCommitted(deadLetters, r -> false, Duration.ofSeconds(1))) {
            dead.add(JSON.readValue(record.value(), DeadLetter.class));
        }
        return new Run(read, dead, filed(files));
    }

    private List<Finding> readFindings(String topic, long count) {
        List<ConsumerRecord<byte[], byte[]>> read = kafka.readCommitted(topic, r -> r.size() >= count, TIMEOUT);
        List<Finding> findings = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
            try {
                findings.add(JSON.readValue(record.value(), Finding.class));
            } catch (IOException e) {
                throw new AssertionError("a findings record that is not a finding", e);
            }
        }
        assertThat(findings).as("findings on " + topic + " within " + TIMEOUT).hasSizeGreaterThanOrEqualTo((int) count);
        return findings;
    }

    /** The job's YAML as a user writes it, read by the command's own reader. */
    private JobConfig config(GitHubSimulator sim, String pushes, String feeds, String findings, String deadLetters,
            Path world, Path files, boolean listOrganisation, Path appKey) throws IOException {
        String yaml = """
                sources:
                  kafka:
                    bootstrap_servers: "%1$s"
                    topic: %2$s
                    group_id: iocstream-%2$s
                    start_from: earliest
                %9$s
                github:
                  api_base_url: %3$s
                  %10$s
                feeds:
                  directory: %4$s
                  poll_interval: 500ms
                  kafka:
                    bootstrap_servers: "%1$s"
                    topic: %5$s
                sinks:
                  kafka:
                    bootstrap_servers: "%1$s"
                    findings_topic: %6$s
                    dead_letters_topic: %7$s
                    transactional_id_prefix: iocstream-%6$s
                    transaction_timeout: 5min
                  files:
                    path: %8$s
                """.formatted(kafka.bootstrapServers(), pushes, sim.baseUrl(), world.resolve("iocs"), feeds,
                findings, deadLetters, files.toUri(), listOrganisation
                        ? "  org_listing: {orgs: [acme], repos_per_minute: 600, page_size: 5}" : "",
                appKey == null ? "token_env: IOCSTREAM_TEST_TOKEN"
                        : "app: {app_id: " + APP_ID + ", private_key_file: " + appKey + ", installation_id: 7}");
        Path file = Files.writeString(dir.resolve("job-" + pushes + ".yaml"), yaml);
        return JobConfigReader.read(file, System::getenv);
    }

    /** The shipped flink-conf with a checkpoint a second into a temporary directory and any free REST port. */
    private Configuration flinkConfiguration() throws IOException {
        Configuration flink = GlobalConfiguration.loadConfiguration("flink-conf");
        flink.setString("execution.checkpointing.interval", "1s");
        flink.setString("execution.checkpointing.min-pause", "0s");
        flink.setString("execution.checkpointing.dir", Files.createDirectories(dir.resolve("checkpoints")).toUri()
                .toString());
        flink.setString("rest.port", "0");
        return flink;
    }

    /** Every finding in a visible (committed) file of the day folders (dead letters have a folder of their own). */
    private static List<Finding> filed(Path files) throws IOException {
        List<Finding> findings = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(files).filter(path -> !path.startsWith(files.resolve("dead-letters")))) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                assertThat(file.getParent().getFileName().toString()).matches("day=\\d{4}-\\d{2}-\\d{2}");
                for (String line : Files.readAllLines(file)) {
                    findings.add(JSON.readValue(line, Finding.class));
                }
            }
        }
        return findings;
    }

    private static List<JsonNode> expected(Path world) throws IOException {
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(world.resolve("expected.jsonl"))) {
            expected.add(JSON.readTree(line));
        }
        return expected;
    }

    /** A feed directory's files as feed topic records: key the path under the directory, value the bytes. */
    private static List<Map.Entry<byte[], byte[]>> feedFiles(Path feedDir) throws IOException {
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(feedDir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                records.add(new AbstractMap.SimpleEntry<>(
                        feedDir.relativize(file).toString().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file)));
            }
        }
        return records;
    }

    /** The key a webhook sender gives a push: the repository, so that its pushes stay in order. */
    private static String repository(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            String webhook = event.path("repository").path("full_name").asText("");
            return webhook.isEmpty() ? event.path("repo").path("name").asText("") : webhook;
        } catch (IOException e) {
            return "";
        }
    }

    private static Map.Entry<byte[], byte[]> record(String key, String value) {
        return new AbstractMap.SimpleEntry<>(key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
