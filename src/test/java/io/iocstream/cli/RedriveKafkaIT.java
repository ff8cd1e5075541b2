package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorAuth;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.job.JobConfigReader;
import io.iocstream.testing.KafkaBrokerExtension;
import io.iocstream.world.WorldGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-driving the job's dead letters through a real broker: the job (a local cluster) reads baseline requests and a
 * malformed line from its input topic while GitHub refuses its token (the simulator answers 401), so every scan is a
 * fetch dead letter on the dead-letter topic, beside the ingest's dead letter for the malformed line. With the token
 * fixed (a job on a simulator that takes it, going on from the committed offsets, so it reads nothing old),
 * {@code redrive --config FILE} reads the dead-letter topic, sends one rescan per repository to the input topic
 * (keyed by repository) and leaves the malformed line alone; the job then finds every expected finding, each once,
 * as a run without failures does.
 */
class RedriveKafkaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void fetchDeadLettersFromTheTopicComeBackAsRescansOnTheInputTopic() throws Exception {
        Path world = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(world, 0, 0, 9, 0, 6)).generate();
        int expected = Files.readAllLines(world.resolve("expected.jsonl")).size();
        List<String> repos = repositories(world);
        KafkaWorld topics = KafkaWorld.create(kafka, "redrive", world);
        List<Map.Entry<byte[], byte[]>> input = new ArrayList<>();
        for (String repo : repos) {
            input.add(record(repo, "{\"iocstream\": \"baseline\", \"repository\": \"" + repo
                    + "\", \"ref\": \"refs/heads/main\"}"));
        }
        input.add(record("", "{\"not json"));
        kafka.produce(topics.eventsTopic(), input);

        SimulatorOptions refusing = SimulatorOptions.defaults().withAuth(SimulatorAuth.none()
                .withStaticToken("a-token-the-job-does-not-have").requiringCredentials());
        try (GitHubSimulator sim = GitHubSimulator.start(world, refusing, 0)) {
            Path yaml = jobYaml(topics, sim.baseUrl(), "refused.yaml");
            try (JobRun job = JobRun.start(JobConfigReader.read(yaml, System::getenv), KafkaWorld.flinkConfiguration(dir))) {
                kafka.readCommitted(topics.deadLettersTopic(), read -> read.size() >= repos.size() + 1, TIMEOUT);
                // the offsets of what was read are committed to the group on a checkpoint
                awaitGroupAtEnd(topics.eventsTopic(), "iocstream-" + topics.eventsTopic());
                job.job().cancel().get();
            }
        }
        List<DeadLetter> deadLetters = topics.committedDeadLetters();
        assertThat(deadLetters).filteredOn(d -> d.stage().equals("fetch")).hasSize(repos.size())
                .allMatch(d -> d.reason().contains("GitHub API 401"));
        assertThat(deadLetters).filteredOn(d -> d.stage().equals("ingest")).singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("malformed JSON"));
        assertThat(topics.committedFindings()).isEmpty();

        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0)) {
            Path yaml = jobYaml(topics, sim.baseUrl(), "fixed.yaml");
            try (JobRun job = JobRun.start(JobConfigReader.read(yaml, System::getenv), KafkaWorld.flinkConfiguration(dir))) {
                Thread.sleep(3_000);
                assertThat(topics.committedFindings()).as("nothing old is read again").isEmpty();

                StringWriter err = new StringWriter();
                assertThat(Main.run(new PrintWriter(err, true), "redrive", "--config", yaml.toString(), "--dry-run"))
                        .as(err.toString()).isZero();
                assertThat(inputRecords(topics)).as("a dry run sends nothing").hasSize(input.size());
                assertThat(Main.run(new PrintWriter(err, true), "redrive", "--config", yaml.toString()))
                        .as(err.toString()).isZero();

                topics.awaitFindings(expected);
                Thread.sleep(3_000);
                job.job().cancel().get();
            }
        }

        List<ConsumerRecord<byte[], byte[]>> all = inputRecords(topics);
        assertThat(all).hasSize(input.size() + repos.size());
        List<ConsumerRecord<byte[], byte[]>> sent = all.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"rescan\"")).toList();
        assertThat(sent).hasSize(repos.size()).allSatisfy(r -> {
            JsonNode rescan = JSON.readTree(r.value());
            assertThat(rescan.path("iocstream").asText()).isEqualTo("rescan");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(rescan.path("repository").asText());
        });
        assertThat(sent).extracting(r -> JSON.readTree(r.value()).path("repository").asText())
                .containsExactlyInAnyOrderElementsOf(repos);
        assertThat(DemoCommand.compareWithExpected(World.open(world), topics.committedFindings()))
                .isEqualTo("All " + expected + " findings match the world's expected.jsonl.");
    }

    /** The job's file on {@code apiBaseUrl}, going on from the group's committed offsets. */
    private Path jobYaml(KafkaWorld topics, String apiBaseUrl, String name) throws IOException {
        Path yaml = topics.writeJobYaml(dir.resolve(name), apiBaseUrl, KafkaWorld.TOKEN_AUTH, null, false);
        return Files.writeString(yaml, Files.readString(yaml).replace("start_from: earliest", "start_from: committed"));
    }

    /** Waits until consumer group {@code group} has committed the end of every partition of {@code topic}. */
    private static void awaitGroupAtEnd(String topic, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var partition : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
                latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Map<TopicPartition, Long> committed = new HashMap<>();
            while (!committed.equals(end) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                committed.clear();
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .forEach((partition, offset) -> committed.put(partition, offset.offset()));
            }
            assertThat(committed).as("the offsets group " + group + " committed").isEqualTo(end);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> inputRecords(KafkaWorld topics) {
        return kafka.readCommitted(topics.eventsTopic(), read -> false, Duration.ofSeconds(2));
    }

    private static List<String> repositories(Path world) throws IOException {
        try (Stream<Path> owners = Files.list(world.resolve("repos"))) {
            List<String> repos = new ArrayList<>();
            for (Path owner : owners.toList()) {
                try (Stream<Path> names = Files.list(owner)) {
                    names.forEach(name -> repos.add(owner.getFileName() + "/" + name.getFileName()));
                }
            }
            return repos;
        }
    }

    private static Map.Entry<byte[], byte[]> record(String key, String value) {
        return new AbstractMap.SimpleEntry<>(key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
