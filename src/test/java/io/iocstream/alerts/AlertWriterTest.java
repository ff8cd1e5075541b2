package io.iocstream.alerts;

import static io.iocstream.alerts.TestFindings.open;
import static io.iocstream.alerts.TestFindings.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.feeds.Severity;
import io.iocstream.findings.JsonLines;
import io.iocstream.github.CapturedLogs;
import io.iocstream.match.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against real HTTP servers on loopback standing in for PagerDuty, Opsgenie, Slack and a generic webhook:
 * each gets the request its documentation describes, with the secret where the receiver wants it; 5xx and 429 are
 * retried with backoff (and Retry-After); a refused delivery is counted and logged without the secret; and
 * {@code flush}, which Flink calls before each checkpoint, returns only once every delivery is done.
 */
class AlertWriterTest {

    private static final String PD_KEY = "R0UT1NGKEY0123456789abcdef012345";
    private static final String OG_KEY = "6b1a5c2e-0000-4000-8000-opsgeniekey1";
    private static final String HOOK_TOKEN = "hook-token-0123456789abcdefghij";

    @TempDir
    Path dir;

    private ReceiverServer pagerDuty;
    private ReceiverServer opsgenie;
    private ReceiverServer slack;
    private ReceiverServer webhook;
    private final CountingMetrics metrics = new CountingMetrics();

    @BeforeEach
    void startReceivers() throws Exception {
        pagerDuty = ReceiverServer.pagerDuty();
        opsgenie = ReceiverServer.opsgenie();
        slack = ReceiverServer.slack();
        webhook = ReceiverServer.webhook();
    }

    @AfterEach
    void stopReceivers() {
        for (ReceiverServer server : List.of(pagerDuty, opsgenie, slack, webhook)) {
            server.close();
        }
    }

    @Test
    void eachReceiverGetsItsDocumentedRequestForATriggerAndAResolve() throws Exception {
        Finding found = open("push", "acme/web", "critical");
        try (var writer = writer(DeliveryRetry.DEFAULTS)) {
            for (String route : List.of("pd", "og", "slack", "hook")) {
                writer.write(single(route, found, false), null);
                writer.write(single(route, found, true), null);
            }
            writer.flush(false);
        }
        String key = "iocstream:" + found.findingId();

        assertThat(pagerDuty.received()).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/enqueue");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.json().get("routing_key").asText()).isEqualTo(PD_KEY);
            assertThat(request.json().get("dedup_key").asText()).isEqualTo(key);
        });
        JsonNode trigger = pagerDuty.received().get(0).json();
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.at("/payload/summary").asText())
                .isEqualTo("[CRITICAL] npm package event-stream 1.0.0 in acme/web package-lock.json (refs/heads/main)");
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("acme/web");
        assertThat(trigger.at("/payload/custom_details/ioc_ids").asText()).isEqualTo("MAL-2018-1");
        assertThat(trigger.at("/links/0/href").asText())
                .isEqualTo("https://github.com/acme/web/blob/" + TestFindings.COMMIT + "/package-lock.json");
        JsonNode resolve = pagerDuty.received().get(1).json();
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.has("payload")).as("a resolve carries only the key").isFalse();

        ReceiverServer.Received create = opsgenie.received().get(0);
        assertThat(create.path()).isEqualTo("/v2/alerts");
        assertThat(create.header("Authorization")).isEqualTo("GenieKey " + OG_KEY);
        assertThat(create.json().get("alias").asText()).isEqualTo(key);
        assertThat(create.json().get("priority").asText()).isEqualTo("P1");
        assertThat(create.json().get("message").asText()).hasSizeLessThanOrEqualTo(130);
        assertThat(create.json().get("description").asText()).contains("What to do: remove event-stream 1.0.0");
        ReceiverServer.Received close = opsgenie.received().get(1);
        assertThat(close.path()).isEqualTo("/v2/alerts/iocstream%3A" + found.findingId() + "/close");
        assertThat(close.query()).isEqualTo("identifierType=alias");
        assertThat(close.header("Authorization")).isEqualTo("GenieKey " + OG_KEY);

        assertThat(slack.received()).hasSize(2).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
            assertThat(request.json().get("text").asText()).contains("event-stream");
            assertThat(request.json().at("/blocks/0/type").asText()).isEqualTo("header");
        });
        assertThat(slack.received().get(1).json().at("/blocks/0/text/text").asText()).startsWith("Resolved: ");

        assertThat(webhook.received()).hasSize(2).allSatisfy(request -> {
            assertThat(request.body()).as("the finding record itself").isEqualTo(JsonLines.of(found));
            assertThat(request.header("Idempotency-Key")).isEqualTo(key);
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + HOOK_TOKEN);
        });
        assertThat(webhook.received()).extracting(request -> request.header("X-Iocstream-Event"))
                .containsExactly("trigger", "resolve");
        assertThat(metrics.count("alertsDelivered")).isEqualTo(8);
    }

    @Test
    void aGroupedRetroHuntIsOneRequestNamingEveryRepository() throws Exception {
        List<String> findings = List.of("acme/a", "acme/b", "acme/c").stream()
                .map(repo -> JsonLines.of(pkg("open", "retro_hunt", repo, "high", "left-pad", "MAL-2026-9")))
                .toList();
        try (var writer = writer(DeliveryRetry.DEFAULTS)) {
            writer.write(new Alert("pd", AlertKind.RETRO_HUNT_GROUP, false, "iocstream:retro-hunt:MAL-2026-9", 3,
                    findings), null);
            writer.write(new Alert("hook", AlertKind.RETRO_HUNT_GROUP, false, "iocstream:retro-hunt:MAL-2026-9", 3,
                    findings), null);
            writer.flush(false);
        }
        JsonNode event = pagerDuty.received().get(0).json();
        assertThat(event.at("/payload/summary").asText())
                .isEqualTo("[HIGH] Retro hunt: MAL-2026-9 found in 3 files of 3 repositories");
        assertThat(event.at("/payload/custom_details/repositories").asText()).isEqualTo("acme/a, acme/b, acme/c");
        JsonNode group = webhook.received().get(0).json();
        assertThat(group.get("kind").asText()).isEqualTo("retro_hunt_group");
        assertThat(group.get("findings")).hasSize(3);
    }

    @Test
    void serverErrorsAreRetriedWithAGrowingBackoffAndATriggerStaysBeforeItsResolve() throws Exception {
        pagerDuty.answerNext(503, Map.of(), "busy").answerNext(502, Map.of(), "bad gateway");
        Finding found = open("push", "acme/web", "high");
        try (var writer = writer(new DeliveryRetry(5, Duration.ofMillis(150), Duration.ofSeconds(2),
                Duration.ofSeconds(5)))) {
            writer.write(single("pd", found, false), null);
            writer.write(single("pd", found, true), null);
            writer.flush(false);
        }
        List<ReceiverServer.Received> requests = pagerDuty.received();
        assertThat(requests).extracting(request -> request.json().get("event_action").asText())
                .containsExactly("trigger", "trigger", "trigger", "resolve");
        assertThat(gapMillis(requests, 0)).isGreaterThanOrEqualTo(150);
        assertThat(gapMillis(requests, 1)).isGreaterThanOrEqualTo(300);
        assertThat(metrics.count("alertDeliveryRetries")).isEqualTo(2);
        assertThat(metrics.count("alertsDelivered")).isEqualTo(2);
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterItsRetryAfter() throws Exception {
        slack.answerNext(429, Map.of("Retry-After", "1"), "rate_limited");
        try (var writer = writer(new DeliveryRetry(3, Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(5)))) {
            writer.write(single("slack", open("push", "acme/web", "high"), false), null);
            writer.flush(false);
        }
        assertThat(slack.received()).hasSize(2);
        assertThat(gapMillis(slack.received(), 0)).as("Retry-After: 1, not the 10 ms backoff")
                .isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRefusedDeliveryIsCountedAndLoggedWithoutTheSecretAndOneThatNeverSucceedsStopsAtMaxAttempts()
            throws Exception {
        pagerDuty.answerNext(400, Map.of(), "{\"status\":\"invalid event\",\"message\":\"bad routing_key "
                + PD_KEY + "\"}");
        for (int i = 0; i < 3; i++) {
            webhook.answerNext(500, Map.of(), "down");
        }
        try (CapturedLogs logs = CapturedLogs.start();
                var writer = writer(new DeliveryRetry(3, Duration.ofMillis(10), Duration.ofMillis(20),
                        Duration.ofSeconds(5)))) {
            writer.write(single("pd", open("push", "acme/web", "high"), false), null);
            writer.write(single("hook", open("push", "acme/web", "high"), false), null);
            writer.flush(false);

            assertThat(logs.text()).contains("receiver pd", "HTTP 400", "receiver hook", "after 3 attempts: HTTP 500")
                    .doesNotContain(PD_KEY);
        }
        assertThat(pagerDuty.received()).as("a 400 is not tried again").hasSize(1);
        assertThat(webhook.received()).hasSize(3);
        assertThat(metrics.count("alertDeliveriesFailed")).isEqualTo(2);
    }

    @Test
    void aCredentialGoesOverHttpsOrToThisMachineOnly() {
        AlertReceiver receiver = new AlertReceiver("hook", ReceiverType.WEBHOOK, null, null, null);
        assertThatThrownBy(() -> AlertWriter.requireSafeUrl(receiver, "http://hooks.example.com/x"))
                .hasMessage("alert receiver hook: its URL must be https (plain http only to 127.0.0.1)");
        assertThatThrownBy(() -> AlertWriter.requireSafeUrl(receiver, "hooks.slack.com/services/x"))
                .hasMessage("alert receiver hook: its URL is not an http(s) URL");
        AlertWriter.requireSafeUrl(receiver, "https://hooks.example.com/x");
    }

    @Test
    void aMissingSecretNamesWhereItShouldBe() {
        AlertReceiver receiver = new AlertReceiver("pd", ReceiverType.PAGERDUTY, null, "PD_KEY", null);
        assertThatThrownBy(() -> AlertSecrets.read(receiver, name -> null))
                .hasMessage("alert receiver pd: environment variable PD_KEY is not set");
        AlertReceiver fromFile = new AlertReceiver("og", ReceiverType.OPSGENIE, null, null, "/nonexistent/key");
        assertThatThrownBy(() -> AlertSecrets.read(fromFile, name -> null))
                .hasMessage("alert receiver og: cannot read secret file /nonexistent/key (NoSuchFileException)");
    }

    private AlertWriter writer(DeliveryRetry retry) throws Exception {
        Path ogKey = Files.writeString(dir.resolve("opsgenie.key"), OG_KEY + "\n");
        Duration hour = Duration.ofHours(1);
        Set<String> triggers = Set.of("push", "retro_hunt");
        List<AlertRoute> routes = List.of("pd", "og", "slack", "hook").stream()
                .map(name -> new AlertRoute(name, name, Severity.LOW, triggers, List.of("*/*"), 20, hour)).toList();
        List<AlertReceiver> receivers = List.of(
                new AlertReceiver("pd", ReceiverType.PAGERDUTY, pagerDuty.url("/v2/enqueue"), "PD_KEY", null),
                new AlertReceiver("og", ReceiverType.OPSGENIE, opsgenie.url(""), null, ogKey.toString()),
                new AlertReceiver("slack", ReceiverType.SLACK, null, "SLACK_URL", null),
                new AlertReceiver("hook", ReceiverType.WEBHOOK, webhook.url("/findings"), "HOOK_TOKEN", null));
        Map<String, String> env = Map.of("PD_KEY", PD_KEY, "SLACK_URL", slack.url("/services/T000/B000/XXXX"),
                "HOOK_TOKEN", HOOK_TOKEN);
        return new AlertWriter(new AlertSettings(routes, receivers, "https://github.com", Duration.ofSeconds(60),
                retry, 4), metrics, env::get);
    }

    private static Alert single(String route, Finding finding, boolean resolve) {
        return new Alert(route, AlertKind.FINDING, resolve, AlertPlanner.findingKey(finding.findingId()), 1,
                List.of(JsonLines.of(finding)));
    }

    private static long gapMillis(List<ReceiverServer.Received> requests, int after) {
        return (requests.get(after + 1).nanos() - requests.get(after).nanos()) / 1_000_000;
    }

    /** A metric group that keeps its counters, for the test to read. */
    static final class CountingMetrics extends UnregisteredMetricsGroup {
        private final Map<String, SimpleCounter> counters = new HashMap<>();

        @Override
        public synchronized Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
        }

        synchronized long count(String name) {
            return counters.containsKey(name) ? counters.get(name).getCount() : 0;
        }
    }
}
