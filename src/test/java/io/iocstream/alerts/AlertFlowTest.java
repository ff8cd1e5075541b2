package io.iocstream.alerts;

import static io.iocstream.alerts.TestFindings.open;
import static io.iocstream.alerts.TestFindings.pkg;
import static io.iocstream.alerts.TestFindings.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.feeds.Severity;
import io.iocstream.match.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Findings through the whole alerting branch (routing, the planner in Flink's keyed harness, the writer) to a real
 * HTTP server standing in for PagerDuty: one trigger per open finding of a routed severity, none for a lower one or
 * a baseline, one grouped alert for a retro hunt over many repositories, a resolve under the trigger's key, and the
 * route's rate limit held, what it held back summed up once its window ends.
 */
class AlertFlowTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void findingsBecomeTheAlertsTheRouteAllows() throws Exception {
        try (ReceiverServer pagerDuty = ReceiverServer.pagerDuty()) {
            AlertSettings settings = new AlertSettings(
                    List.of(new AlertRoute("pager", "pd", Severity.HIGH, Set.of("push", "retro_hunt"),
                            List.of("acme/*"), 5, HOUR)),
                    List.of(new AlertReceiver("pd", ReceiverType.PAGERDUTY, pagerDuty.url("/v2/enqueue"), "PD_KEY",
                            null)),
                    "https://github.com", Duration.ofSeconds(60), DeliveryRetry.DEFAULTS, 4);
            List<Finding> pushed = List.of(open("push", "acme/a", "critical"), open("push", "acme/b", "high"),
                    open("push", "acme/c", "critical"));
            Finding baseline = open("baseline", "acme/old", "critical");
            List<Finding> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                later.add(open("push", "acme/later-" + i, "high"));
            }

            try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new AlertPlanner(settings)), RoutedFinding::route, Types.STRING);
                    AlertWriter writer = new AlertWriter(settings, new UnregisteredMetricsGroup(),
                            Map.of("PD_KEY", "routing-key")::get)) {
                harness.open();
                harness.setProcessingTime(1_000);
                List<Finding> input = new ArrayList<>(pushed);
                input.add(open("push", "acme/d", "medium"));
                input.add(open("push", "other/x", "critical"));
                input.add(baseline);
                for (int i = 0; i < 10; i++) {
                    input.add(pkg("open", "retro_hunt", "acme/hunted-" + i, "high", "left-pad", "MAL-2026-9"));
                }
                input.add(resolved(pushed.get(0), "push"));
                input.add(resolved(baseline, "push"));
                send(settings, harness, input);
                harness.setProcessingTime(61_000);
                send(settings, harness, later);
                harness.setProcessingTime(1_000 + HOUR.toMillis());

                for (Alert alert : harness.extractOutputValues()) {
                    writer.write(alert, null);
                }
                writer.flush(false);
            }

            List<JsonNode> events = pagerDuty.received().stream().map(ReceiverServer.Received::json).toList();
            List<String> triggers = events.stream().filter(e -> e.get("event_action").asText().equals("trigger"))
                    .map(e -> e.get("dedup_key").asText()).toList();
            // deliveries of different keys run side by side; one key's stay in order
            assertThat(triggers).containsExactlyInAnyOrder(
                    "iocstream:" + pushed.get(0).findingId(), "iocstream:" + pushed.get(1).findingId(),
                    "iocstream:" + pushed.get(2).findingId(), "iocstream:retro-hunt:MAL-2026-9",
                    "iocstream:" + later.get(0).findingId(), "iocstream:over-limit:pager:1000");
            assertThat(events).filteredOn(e -> e.get("event_action").asText().equals("resolve"))
                    .extracting(e -> e.get("dedup_key").asText())
                    .containsExactly("iocstream:" + pushed.get(0).findingId());
            assertThat(events).extracting(e -> e.at("/payload/summary").asText()).contains(
                    "[HIGH] Retro hunt: MAL-2026-9 found in 10 files of 10 repositories",
                    "[HIGH] 4 more findings held over the rate limit of route pager");
            assertThat(events).extracting(e -> e.get("event_action").asText() + " " + e.get("dedup_key").asText())
                    .containsSubsequence("trigger iocstream:" + pushed.get(0).findingId(),
                            "resolve iocstream:" + pushed.get(0).findingId());
        }
    }

    private static void send(AlertSettings settings,
            KeyedOneInputStreamOperatorTestHarness<String, RoutedFinding, Alert> harness, List<Finding> findings)
            throws Exception {
        AlertRouting routing = new AlertRouting(settings);
        routing.compileGlobs();
        for (Finding finding : findings) {
            List<RoutedFinding> routed = new ArrayList<>();
            routing.route(finding, new ListCollector<>(routed));
            for (RoutedFinding one : routed) {
                harness.processElement(one, 0);
            }
        }
    }
}
