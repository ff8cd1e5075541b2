package io.iocstream.alerts;

import static io.iocstream.alerts.TestFindings.open;
import static io.iocstream.alerts.TestFindings.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.Severity;
import io.iocstream.match.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/** Which routes a finding goes to: by severity, by trigger (baseline off by default) and by repository glob. */
class AlertRoutingTest {

    private static final AlertRoute PAGER = new AlertRoute("pager", "pd", Severity.HIGH, Set.of("push", "retro_hunt"),
            List.of("acme/payments-*", "acme/web"), 20, Duration.ofHours(1));
    private static final AlertRoute CHAT = new AlertRoute("chat", "slack", Severity.LOW,
            Set.of("push", "baseline", "retro_hunt"), List.of("*/*"), 20, Duration.ofHours(1));

    @Test
    void severityTriggerAndRepositoryChooseTheRoutes() {
        assertThat(routes(open("push", "acme/payments-api", "critical"))).containsExactly("pager", "chat");
        assertThat(routes(open("push", "acme/payments-api", "medium"))).containsExactly("chat");
        assertThat(routes(open("push", "acme/docs", "critical"))).containsExactly("chat");
        assertThat(routes(open("retro_hunt", "acme/web", "high"))).containsExactly("pager", "chat");
        assertThat(routes(open("baseline", "acme/web", "critical"))).as("baseline only where asked")
                .containsExactly("chat");
        assertThat(routes(open("push", "other/web", "critical"))).containsExactly("chat");
    }

    @Test
    void aResolvedFindingGoesWhereverItsSeverityAndRepositoryGoWhateverResolvedIt() {
        // the planner resolves only what it alerted; a baseline finding resolved by a push is dropped there
        assertThat(routes(resolved(open("baseline", "acme/web", "critical"), "push")))
                .containsExactly("pager", "chat");
    }

    @Test
    void aSuppressedFindingAlertsNoOne() {
        Finding found = open("push", "acme/web", "critical");
        Finding suppressed = TestFindings.contract(1, found.findingId(), "suppressed", "push", found.repo(), found.ref(),
                found.commit(), found.path(), found.kind(), found.ecosystem(), found.packageName(), found.version(),
                null, found.iocIds(), found.severity(), found.detectedAt());
        assertThat(routes(suppressed)).isEmpty();
    }

    @Test
    void aFindingTheRoutingFailsOnIsADeadLetterAndTheNextIsRouted() throws Exception {
        Finding found = open("push", "acme/web", "critical");
        Finding odd = TestFindings.contract(1, "odd", "open", "push", "acme/web", found.ref(), found.commit(), found.path(),
                found.kind(), found.ecosystem(), found.packageName(), found.version(), null, found.iocIds(), "urgent",
                found.detectedAt());
        AlertRouting routing = new AlertRouting(new AlertSettings(List.of(PAGER), List.of(), "https://github.com",
                Duration.ofSeconds(60), DeliveryRetry.DEFAULTS, 4));
        try (var harness = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.ProcessOperator<>(routing))) {
            harness.open();
            harness.processElement(odd, 0);
            harness.processElement(found, 0);

            assertThat(harness.extractOutputValues()).extracting(RoutedFinding::findingId)
                    .containsExactly(found.findingId());
            assertThat(harness.getSideOutput(io.iocstream.core.DeadLetter.TAG)).singleElement()
                    .satisfies(record -> {
                        assertThat(record.getValue().stage()).isEqualTo("alerts");
                        assertThat(record.getValue().origin()).isEqualTo("acme/web package-lock.json (finding odd)");
                        assertThat(record.getValue().reason()).startsWith("failed with IllegalArgumentException: "
                                + "unknown severity 'urgent'");
                    });
        }
    }

    private static List<String> routes(Finding finding) {
        AlertRouting routing = new AlertRouting(new AlertSettings(List.of(PAGER, CHAT), List.of(),
                "https://github.com", Duration.ofSeconds(60), DeliveryRetry.DEFAULTS, 4));
        routing.compileGlobs();
        List<RoutedFinding> out = new ArrayList<>();
        routing.route(finding, new ListCollector<>(out));
        assertThat(out).allMatch(routed -> routed.findingId().equals(finding.findingId()));
        return out.stream().map(RoutedFinding::route).toList();
    }
}
