package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.testing.KafkaBrokerExtension;
import java.net.http.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver against a real broker (KafkaClusterTestKit): GitHub's real push payloads, signed, arrive in the topic
 * byte for byte, keyed by repository and carrying their delivery id; whatever is forged, unsigned, too large, sent
 * another way or delivered again is refused (or answered as stored already) and nothing of it reaches Kafka; a
 * receiver started afresh remembers the delivery ids the topic holds.
 */
class WebhookReceiverIT {

    private static final Path PUSHES = Path.of("src/test/resources/push");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void signedRealPushesArriveExactlyAsSentAndNothingRefusedReachesKafka() throws Exception {
        String topic = "pushes-" + UUID.randomUUID();
        kafka.createTopic(topic, 3, false);
        List<Path> payloads;
        try (Stream<Path> files = Files.list(PUSHES)) {
            payloads = files.sorted().toList();
        }
        List<String> stored = new ArrayList<>();
        try (TestReceiver receiver = TestReceiver.start(dir, kafka.bootstrapServers(), topic, "2s", "")) {
            receiver.awaitReady(Duration.ofSeconds(30));
            for (Path payload : payloads) {
                String delivery = UUID.randomUUID().toString();
                HttpResponse<String> answer = receiver.deliver("push", delivery, Files.readAllBytes(payload));
                assertThat(answer.statusCode()).as(payload + ": " + answer.body()).isEqualTo(202);
                stored.add(delivery);
            }
            byte[] body = Files.readAllBytes(payloads.get(0));
            URI uri = receiver.deliveryUri();
            // signed with the secret that replaces the first: both are taken while the secret is rotated
            String rotated = UUID.randomUUID().toString();
            assertThat(receiver.post(uri, "push", rotated, body, WebhookSignature.sign(TestReceiver.NEXT_SECRET,
                    body)).statusCode()).isEqualTo(202);
            stored.add(rotated);

            List<String> refused = new ArrayList<>();
            String forged = UUID.randomUUID().toString();
            refused.add(forged);
            assertThat(receiver.post(uri, "push", forged, body, WebhookSignature.sign("a guess", body))
                    .statusCode()).isEqualTo(401);
            String unsigned = UUID.randomUUID().toString();
            refused.add(unsigned);
            assertThat(receiver.post(uri, "push", unsigned, body, null).statusCode()).isEqualTo(401);
            String tampered = UUID.randomUUID().toString();
            refused.add(tampered);
            byte[] changed = new String(body, StandardCharsets.UTF_8).replace("refs/heads/", "refs/heads/x")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(receiver.post(uri, "push", tampered, changed, WebhookSignature.sign(TestReceiver.SECRET, body))
                    .statusCode()).isEqualTo(401);
            String oversized = UUID.randomUUID().toString();
            refused.add(oversized);
            byte[] huge = new byte[(int) WebhookConfig.GITHUB_MAX_PAYLOAD_BYTES + 1];
            assertThat(receiver.post(uri, "push", oversized, huge, WebhookSignature.sign(TestReceiver.SECRET, huge))
                    .statusCode()).isEqualTo(413);
            String chunked = UUID.randomUUID().toString();
            refused.add(chunked);
            assertThat(postChunked(uri, chunked, huge).statusCode()).as("a body without Content-Length").isEqualTo(413);
            String otherPath = UUID.randomUUID().toString();
            refused.add(otherPath);
            assertThat(receiver.post(uri.resolve("/hooks"), "push", otherPath, body,
                    WebhookSignature.sign(TestReceiver.SECRET, body)).statusCode()).isEqualTo(404);
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
            // a redelivery of a stored delivery: answered as done, so GitHub shows it delivered, and not written
            HttpResponse<String> replayed = receiver.deliver("push", stored.get(0), body);
            assertThat(replayed.statusCode()).isEqualTo(200);
            assertThat(replayed.body()).startsWith("duplicate");
            assertThat(receiver.deliver("ping", UUID.randomUUID().toString(), "{\"zen\":\"Keep it logically awesome.\"}"
                    .getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            assertThat(receiver.deliver("issues", UUID.randomUUID().toString(), body).statusCode()).isEqualTo(200);

            List<ConsumerRecord<byte[], byte[]>> records = kafka.readCommitted(topic,
                    read -> read.size() > payloads.size() + 1, Duration.ofSeconds(5));
            assertThat(records).hasSize(payloads.size() + 1);
            Map<String, ConsumerRecord<byte[], byte[]>> byDelivery = new java.util.HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                byDelivery.put(new String(record.headers().lastHeader("X-GitHub-Delivery").value(),
                        StandardCharsets.UTF_8), record);
            }
            assertThat(byDelivery.keySet()).containsExactlyInAnyOrderElementsOf(stored).doesNotContainAnyElementsOf(
                    refused);
            for (int i = 0; i < payloads.size(); i++) {
                ConsumerRecord<byte[], byte[]> record = byDelivery.get(stored.get(i));
                byte[] sent = Files.readAllBytes(payloads.get(i));
                assertThat(record.value()).as(payloads.get(i).toString()).isEqualTo(sent);
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(
                        DeliveryRoute.Fields.read(sent).repository());
            }

            WebhookMetrics metrics = receiver.service().metrics();
            assertThat(metrics.count("push", Outcome.STORED)).isEqualTo(payloads.size() + 1);
            assertThat(metrics.count("-", Outcome.FORGED)).isEqualTo(2);
            assertThat(metrics.count("-", Outcome.UNSIGNED)).isEqualTo(1);
            assertThat(metrics.count("-", Outcome.TOO_LARGE)).isEqualTo(2);
            assertThat(metrics.count("push", Outcome.DUPLICATE)).isEqualTo(1);
            assertThat(metrics.count("other", Outcome.IGNORED)).isEqualTo(1);
            String scraped = receiver.get("/metrics").body();
            assertThat(scraped).contains("iocstream_webhook_deliveries_total{event=\"push\",outcome=\"stored\"} "
                    + (payloads.size() + 1)).contains("iocstream_webhook_delivery_seconds_bucket")
                    .contains("iocstream_webhook_body_bytes_bucket").contains("iocstream_webhook_kafka_reachable 1");
        }

        // a receiver started afresh recalls the ids from the topic's headers: a redelivery is still one event
        try (TestReceiver restarted = TestReceiver.start(dir, kafka.bootstrapServers(), topic, "2s", "")) {
            restarted.awaitReady(Duration.ofSeconds(30));
            HttpResponse<String> again = restarted.deliver("push", stored.get(1), Files.readAllBytes(payloads.get(1)));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(kafka.readCommitted(topic, read -> false, Duration.ofSeconds(2))).hasSize(payloads.size() + 1);
        }
    }

    @Test
    void repositoryAndBranchEventsAreWrittenInTheFormTheIngestReads() throws Exception {
        String topic = "events-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, false);
        byte[] created = Files.readAllBytes(Path.of("src/test/resources/repository/octokit-created.payload.json"));
        byte[] branch = """
                {"ref": "feature/x", "ref_type": "branch", "master_branch": "main", "description": null,
                 "pusher_type": "user", "repository": {"full_name": "acme/storefront", "default_branch": "main"},
                 "sender": {"login": "octocat"}}""".getBytes(StandardCharsets.UTF_8);
        try (TestReceiver receiver = TestReceiver.start(dir, kafka.bootstrapServers(), topic, "2s", "")) {
            receiver.awaitReady(Duration.ofSeconds(30));
            assertThat(receiver.deliver("repository", UUID.randomUUID().toString(), created).statusCode())
                    .isEqualTo(202);
            assertThat(receiver.deliver("create", UUID.randomUUID().toString(), branch).statusCode()).isEqualTo(202);
        }
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readCommitted(topic, read -> read.size() >= 2,
                Duration.ofSeconds(10));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).value()).isEqualTo(created);
        assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"iocstream\":\"baseline\",\"repository\":\"acme/storefront\",\"ref\":\"refs/heads/feature/x\"}");
        assertThat(new String(records.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("acme/storefront");
    }

    /** A signed body sent in chunks, without Content-Length, as a client may. */
    private static HttpResponse<String> postChunked(URI uri, String delivery, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", delivery)
                .header(WebhookSignature.HEADER, WebhookSignature.sign(TestReceiver.SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
