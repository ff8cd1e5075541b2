package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.HookDeliveries;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.testing.KafkaProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outage of Kafka loses nothing: with the broker (a process of its own) stopped, the receiver answers GitHub's
 * delivery 503, so GitHub (the simulator's hook) shows it failed, and {@code /healthz} says not ready; once the broker
 * is back, {@code webhook redeliver} finds the failed delivery through the deliveries API and asks for it again, and
 * it lands in the topic once. A second pass asks for nothing, and a redelivery of a stored delivery writes nothing.
 */
class WebhookOutageIT {

    @TempDir
    Path dir;

    @Test
    void aDeliveryRefusedDuringAnOutageLandsOnceAfterRedelivery() throws Exception {
        byte[] first = Files.readAllBytes(Path.of("src/test/resources/push/octokit-payload.json"));
        byte[] second = Files.readAllBytes(Path.of("src/test/resources/push/go-scm-push.json"));
        Files.createDirectories(dir.resolve("world/repos"));
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"));
                GitHubSimulator github = GitHubSimulator.start(dir.resolve("world"), SimulatorOptions.defaults(), 0)) {
            kafka.createTopic("github-pushes", 2, false);
            String redeliver = """
                    redeliver:
                      api_base_url: %s
                      org: %s
                      hook_id: %d
                      token_env: IOCSTREAM_TEST_TOKEN
                    """.formatted(github.baseUrl(), GitHubSimulator.HOOK_ORG, GitHubSimulator.HOOK_ID);
            // 3 s: room for the first write's metadata on a loaded machine, still well within GitHub's 10 s
            try (TestReceiver receiver = TestReceiver.start(dir, kafka.bootstrapServers(), "github-pushes", "3s",
                    redeliver)) {
                receiver.awaitReady(Duration.ofSeconds(30));
                HookDeliveries hook = github.hook();
                hook.configure(receiver.deliveryUri(), TestReceiver.SECRET);
                HookDeliveries.Attempt stored = hook.deliver("push", first);
                assertThat(stored.statusCode()).isEqualTo(202);

                kafka.stop();
                HookDeliveries.Attempt refused = hook.deliver("push", second);
                assertThat(refused.statusCode()).as("answered while Kafka is down").isEqualTo(503);
                assertThat(refused.duration()).as("a bounded wait, well within GitHub's 10 s").isLessThan(5);
                assertThat(receiver.get("/healthz").statusCode()).isEqualTo(503);

                kafka.startAgain();
                receiver.awaitReady(Duration.ofSeconds(60));
                WebhookConfig config = WebhookConfigReader.read(writeConfig(kafka, redeliver), TestReceiver.ENV::get);
                try (Redeliverer redeliverer = Redeliverer.of(config.redeliver(), TestReceiver.ENV::get)) {
                    Redeliverer.Result result = redeliverer.run(null);
                    assertThat(result.redelivered()).as(result.toString()).isEqualTo(1);
                    assertThat(hook.attempts().get(0).guid()).isEqualTo(refused.guid());
                    assertThat(hook.attempts().get(0).redelivery()).isTrue();
                    assertThat(hook.attempts().get(0).statusCode()).isEqualTo(202);
                    assertThat(redeliverer.run(null).redelivered()).as("delivered since: nothing to ask").isZero();
                }
                // GitHub's "Redeliver" button on a delivery that was stored: answered, not written again
                assertThat(hook.redeliver(stored.id()).orElseThrow().statusCode()).isEqualTo(200);
            }
            List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka.bootstrapServers(), "github-pushes");
            assertThat(records).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(new String(first, StandardCharsets.UTF_8),
                            new String(second, StandardCharsets.UTF_8));
        }
    }

    private Path writeConfig(KafkaProcess kafka, String redeliver) throws Exception {
        return Files.writeString(dir.resolve("redeliver.yaml"), """
                secrets:
                  - env: WEBHOOK_SECRET
                kafka:
                  bootstrap_servers: "%s"
                  topic: github-pushes
                """.formatted(kafka.bootstrapServers()) + redeliver);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }
}
