package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.alerts.ReceiverServer;
import io.iocstream.match.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A PagerDuty and a generic webhook receiver on loopback for a job run, with the {@code sinks.alerts} section that
 * routes to them: PagerDuty gets push and retro-hunt findings (baselines left out, as by default), the webhook every
 * finding. After the run, each receiver must hold exactly the deliveries the committed findings call for, a finding's
 * under its own key, and any repeat (a restored job sends again what came after its checkpoint) under the same key.
 */
final class AlertReceivers implements AutoCloseable {

    private final ReceiverServer pagerDuty;
    private final ReceiverServer webhook;
    private final Path routingKey;

    private AlertReceivers(ReceiverServer pagerDuty, ReceiverServer webhook, Path routingKey) {
        this.pagerDuty = pagerDuty;
        this.webhook = webhook;
        this.routingKey = routingKey;
    }

    static AlertReceivers start(Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("pagerduty-routing-key"), "R0UTINGKEY-jobkafkait\n");
        return new AlertReceivers(ReceiverServer.pagerDuty(), ReceiverServer.webhook(), key);
    }

    /** The job file's {@code sinks.alerts}, indented to go under {@code sinks}. */
    String yaml() {
        return """
                  alerts:
                    receivers:
                      - {name: oncall, type: pagerduty, url: "%s", secret_file: %s}
                      - {name: soar, type: webhook, url: "%s"}
                    routes:
                      - {name: page, receiver: oncall}
                      - {name: all, receiver: soar, triggers: [push, baseline, retro_hunt]}
                    retro_hunt_window: 200ms
                    initial_backoff: 100ms
                """.formatted(pagerDuty.url("/v2/enqueue"), routingKey, webhook.url("/findings"));
    }

    /**
     * Every open finding is triggered and every resolved one resolved on the webhook, under {@code iocstream:} and
     * its finding id; PagerDuty gets only the push and retro-hunt ones, and no resolve for a baseline it never
     * paged for; no key outside these, whatever was sent twice.
     */
    void assertDeliveredOnlyUnderTheirKeys(List<Finding> findings) throws InterruptedException {
        Set<String> opened = keys(findings, f -> f.status().equals("open"));
        Set<String> resolvedKeys = keys(findings, f -> f.status().equals("resolved"));
        Set<String> paged = keys(findings, f -> f.status().equals("open") && !f.trigger().equals("baseline"));
        assertThat(paged).as("the sample world has push and retro-hunt findings").hasSizeGreaterThanOrEqualTo(2);

        // a retro hunt's alert leaves when its window closes, a moment after its finding is committed
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && !(events(webhook, "trigger").equals(opened)
                && pagerDutyKeys("trigger").equals(paged))) {
            Thread.sleep(100);
        }
        for (ReceiverServer.Received request : webhook.received()) {
            assertThat(request.header("Idempotency-Key")).as("a delivery's key is its finding's")
                    .isEqualTo("iocstream:" + request.json().get("finding_id").asText());
        }
        assertThat(events(webhook, "trigger")).isEqualTo(opened);
        assertThat(events(webhook, "resolve")).isEqualTo(resolvedKeys);
        assertThat(pagerDutyKeys("trigger")).isEqualTo(paged);
        assertThat(pagerDutyKeys("resolve")).as("resolved findings were baselines, never paged").isEmpty();
        int sent = webhook.received().size() + pagerDuty.received().size();
        int distinct = opened.size() + resolvedKeys.size() + paged.size();
        assertThat(sent).as("at least once: %d deliveries for %d alerts", sent, distinct)
                .isGreaterThanOrEqualTo(distinct);
    }

    private Set<String> pagerDutyKeys(String action) {
        return pagerDuty.received().stream().map(ReceiverServer.Received::json)
                .filter(json -> json.get("event_action").asText().equals(action))
                .map(json -> json.get("dedup_key").asText()).collect(Collectors.toSet());
    }

    private static Set<String> events(ReceiverServer server, String event) {
        Set<String> keys = new HashSet<>();
        for (ReceiverServer.Received request : server.received()) {
            if (event.equals(request.header("X-Iocstream-Event"))) {
                keys.add(request.header("Idempotency-Key"));
            }
        }
        return keys;
    }

    private static Set<String> keys(List<Finding> findings, java.util.function.Predicate<Finding> which) {
        return findings.stream().filter(which).map(f -> "iocstream:" + f.findingId()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        pagerDuty.close();
        webhook.close();
    }
}
