package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.findings.JsonLines;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;
import io.iocstream.testing.FindingsSchema;
import io.iocstream.testing.TestBroker;
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

/**
 * A world's traffic through the production job over a real broker, for the job's tests: its pushes on an input
 * topic keyed by repository, its late feed ({@code iocs-later}) published to a feed topic once the pushes are
 * judged, the findings and dead-letter topics read as consumers must ({@code read_committed}), and the job's YAML
 * that joins them to the GitHub simulator. However the job runs, it is fed and read the same way.
 */
final class KafkaWorld {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Long enough for two more checkpoints of a second: anything written twice would be committed by then. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** The job reads GitHub with the stand-in token the build sets (pom.xml), which no log may show. */
    static final String TOKEN_AUTH = "token_env: IOCSTREAM_TEST_TOKEN";

    private final TestBroker kafka;
    private final Path world;
    private final String pushes;
    private final String feeds;
    private final String findings;
    private final String deadLetters;
    private final String scans;
    private final List<JsonNode> expected;

    private KafkaWorld(TestBroker kafka, Path world, String name) throws IOException {
        this.kafka = kafka;
        this.world = world;
        this.pushes = name + "-pushes";
        this.feeds = name + "-feeds";
        this.findings = name + "-findings";
        this.deadLetters = name + "-dead-letters";
        this.scans = name + "-findings-scans";
        this.expected = expected(world);
    }

    /** Creates the topics of a run called {@code name} and produces the world's pushes to its input topic. */
    static KafkaWorld create(TestBroker kafka, String name, Path world) throws Exception {
        KafkaWorld run = withoutEvents(kafka, name, world);
        kafka.produce(run.pushes, run.eventRecords());
        return run;
    }

    /** Creates the topics of a run called {@code name}, its input topic empty: something else writes the events. */
    static KafkaWorld withoutEvents(TestBroker kafka, String name, Path world) throws Exception {
        KafkaWorld run = new KafkaWorld(kafka, world, name);
        kafka.createTopic(run.pushes, 3, false);
        kafka.createTopic(run.feeds, 1, true);
        kafka.createTopic(run.findings, 2, false);
        kafka.createTopic(run.deadLetters, 1, false);
        kafka.createTopic(run.scans, 2, false);
        return run;
    }

    /**
     * The shipped flink-conf for a job run in this JVM: a checkpoint a second into {@code dir}/checkpoints, and any
     * free REST and metrics port, so that runs side by side do not meet.
     */
    static Configuration flinkConfiguration(Path dir) throws IOException {
        Configuration flink = GlobalConfiguration.loadConfiguration("flink-conf");
        flink.setString("execution.checkpointing.interval", "1s");
        flink.setString("execution.checkpointing.min-pause", "0s");
        flink.setString("execution.checkpointing.dir", Files.createDirectories(dir.resolve("checkpoints")).toUri()
                .toString());
        flink.setString("rest.port", "0");
        flink.setString("metrics.reporter.prom.port", "0");
        return flink;
    }

    /** The world's events in order as the input topic's records, each keyed by its repository. */
    List<Map.Entry<byte[], byte[]>> eventRecords() throws IOException {
        List<String> lines = Files.readAllLines(world.resolve("events.ndjson"), StandardCharsets.UTF_8);
        return lines.stream().map(line -> record(repository(line), line)).toList();
    }

    /** The input topic the job reads. */
    String eventsTopic() {
        return pushes;
    }

    /** The job's dead-letter topic. */
    String deadLettersTopic() {
        return deadLetters;
    }

    /**
     * Writes the job's YAML as a user writes it to {@code file}: the input, feed, findings and dead-letter topics,
     * the world's feed directory, the GitHub API at {@code apiBaseUrl} with {@code auth} (the line that says how to
     * authenticate, {@link #TOKEN_AUTH} or an App); day folders under {@code files} unless it is null; with
     * {@code listOrganisation} the repository listing of the world's organisation as a source too.
     */
    Path writeJobYaml(Path file, String apiBaseUrl, String auth, Path files, boolean listOrganisation)
            throws IOException {
        String yaml = """
                sources:
                  kafka:
                    bootstrap_servers: "%1$s"
                    topic: %2$s
                    group_id: iocstream-%2$s
                    start_from: earliest
                %8$s
                github:
                  api_base_url: %3$s
                  %9$s
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
                    scans_topic: %6$s-scans
                    transactional_id_prefix: iocstream-%6$s
                    transaction_timeout: 5min
                """.formatted(kafka.bootstrapServers(), pushes, apiBaseUrl, world.resolve("iocs").toAbsolutePath(),
                feeds, findings, deadLetters, listOrganisation
                        ? "  org_listing: {orgs: [acme], repos_per_minute: 600, page_size: 5}" : "", auth);
        if (files != null) {
            yaml += """
                      files:
                        path: %s
                    """.formatted(files.toUri());
        }
        return Files.writeString(file, yaml);
    }

    /**
     * Waits for the findings of the pushes, publishes the late feed to the feed topic (one record per file: the
     * inventories in state are retro-hunted) and waits for the rest; then lets two more checkpoints pass.
     */
    void awaitAllFindings() throws Exception {
        long beforeLateFeed = expected.stream().filter(f -> !f.path("trigger").asText().equals("retro_hunt")).count();
        assertThat(awaitFindings(beforeLateFeed)).as("findings before the late feed").hasSize((int) beforeLateFeed);
        kafka.produce(feeds, feedFiles(world.resolve("iocs-later")));
        awaitFindings(expected.size());
        Thread.sleep(SETTLE.toMillis());
    }

    /** Waits until at least {@code count} findings are committed; returns those read. */
    List<Finding> awaitFindings(long count) {
        List<ConsumerRecord<byte[], byte[]>> read = kafka.readCommitted(findings, r -> r.size() >= count, TIMEOUT);
        List<Finding> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
            try {
                found.add(JSON.readValue(record.value(), Finding.class));
            } catch (IOException e) {
                throw new AssertionError("a findings record that is not a finding", e);
            }
        }
        assertThat(found).as("findings on " + findings + " within " + TIMEOUT)
                .hasSizeGreaterThanOrEqualTo((int) count);
        return found;
    }

    /** Every committed finding, each checked to be keyed by its id and written as the replay writes it. */
    List<Finding> committedFindings() throws IOException {
        List<Finding> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readCommitted(findings, r -> false, SETTLE)) {
            Finding finding = JSON.readValue(record.value(), Finding.class);
            FindingsSchema.assertValidLines(List.of(new String(record.value(), StandardCharsets.UTF_8)));
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(finding.findingId());
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(JsonLines.of(finding));
            read.add(finding);
        }
        return read;
    }

    /** Every committed scan record, each checked to be keyed by its repository and ref. */
    List<ScanRecord> committedScans() throws IOException {
        List<ScanRecord> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readCommitted(scans, r -> false, Duration.ofSeconds(1))) {
            ScanRecord scan = JSON.readValue(record.value(), ScanRecord.class);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(scan.repo() + " " + scan.ref());
            read.add(scan);
        }
        return read;
    }

    /** Every committed dead letter. */
    List<DeadLetter> committedDeadLetters() throws IOException {
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record
                : kafka.readCommitted(deadLetters, r -> false, Duration.ofSeconds(1))) {
            dead.add(JSON.readValue(record.value(), DeadLetter.class));
        }
        return dead;
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
                byte[] name = feedDir.relativize(file).toString().getBytes(StandardCharsets.UTF_8);
                records.add(new AbstractMap.SimpleEntry<>(name, Files.readAllBytes(file)));
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
