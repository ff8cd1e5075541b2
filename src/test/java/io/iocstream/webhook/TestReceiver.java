package io.iocstream.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A receiver as the tests run it: its YAML written as a user writes it, read by the command's own reader, the
 * secrets in a stand-in environment; and a client that posts deliveries as GitHub does.
 */
final class TestReceiver implements AutoCloseable {

    static final String SECRET = "It's a Secret to Everybody";
    static final String NEXT_SECRET = "the secret that replaces it";

    /** The receiver's environment: both secrets, and the stand-in token the build sets for redelivery. */
    static final Map<String, String> ENV = Map.of("WEBHOOK_SECRET", SECRET, "WEBHOOK_SECRET_NEXT", NEXT_SECRET,
            "IOCSTREAM_TEST_TOKEN", "zq9_test_token_4f1c2a9e7b5d3c1a");

    private final WebhookService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestReceiver(WebhookService service) {
        this.service = service;
    }

    /** A receiver on a free port writing to {@code topic}, with both secrets and {@code extra} YAML appended. */
    static TestReceiver start(Path dir, String bootstrapServers, String topic, String sendTimeout, String extra)
            throws Exception {
        Path yaml = Files.writeString(dir.resolve("webhook-" + UUID.randomUUID() + ".yaml"), """
                listen:
                  host: 127.0.0.1
                  port: 0
                secrets:
                  - env: WEBHOOK_SECRET
                  - env: WEBHOOK_SECRET_NEXT
                kafka:
                  bootstrap_servers: "%s"
                  topic: %s
                  send_timeout: %s
                """.formatted(bootstrapServers, topic, sendTimeout) + extra);
        WebhookConfig config = WebhookConfigReader.read(yaml, ENV::get);
        return new TestReceiver(WebhookService.start(config, ENV::get));
    }

    WebhookService service() {
        return service;
    }

    URI deliveryUri() {
        return service.deliveryUri();
    }

    /** Posts {@code body} as GitHub delivers {@code event}, signed with {@link #SECRET}. */
    HttpResponse<String> deliver(String event, String delivery, byte[] body) throws IOException, InterruptedException {
        return post(deliveryUri(), event, delivery, body, WebhookSignature.sign(SECRET, body));
    }

    HttpResponse<String> post(URI uri, String event, String delivery, byte[] body, String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.uri().resolve(path)).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code /healthz} says ready. */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get("/healthz").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver was not ready within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        service.close();
    }
}
