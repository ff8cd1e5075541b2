package io.iocstream.alerts;

import static io.iocstream.alerts.TestFindings.open;
import static io.iocstream.alerts.TestFindings.pkg;
import static io.iocstream.alerts.TestFindings.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.Severity;
import io.iocstream.match.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The planner's rules, through Flink's keyed operator harness with its processing-time clock: one alert per open
 * finding, a resolve under the same key, one grouped alert per IOC's retro hunt, the rate limit held with a summary
 * of what it held back, and keys that survive a snapshot and restore.
 */
class AlertPlannerTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final AlertSettings SETTINGS = new AlertSettings(List.of(
            new AlertRoute("pager", "pd", Severity.LOW, Set.of("push", "retro_hunt"), List.of("*/*"), 3, HOUR)),
            List.of(new AlertReceiver("pd", ReceiverType.PAGERDUTY, null, "PD_KEY", null)),
            "https://github.com", Duration.ofSeconds(60), DeliveryRetry.DEFAULTS, 4);

    @Test
    void anOpenFindingIsOneAlertUnderItsIdAndItsResolveCarriesTheSameKey() throws Exception {
        try (var harness = harness(null)) {
            Finding found = open("push", "acme/web", "critical");
            send(harness, found);
            send(harness, found);
            send(harness, resolved(found, "push"));
            send(harness, resolved(found, "push"));

            assertThat(harness.extractOutputValues()).extracting(Alert::kind, Alert::resolve, Alert::dedupKey)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(AlertKind.FINDING, false,
                                    "iocstream:" + found.findingId()),
                            org.assertj.core.groups.Tuple.tuple(AlertKind.FINDING, true,
                                    "iocstream:" + found.findingId()));
            assertThat(harness.numKeyedStateEntries()).as("resolved findings leave no state").isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aFindingNeverAlertedIsNotResolved() throws Exception {
        try (var harness = harness(null)) {
            Finding baseline = open("baseline", "acme/web", "critical");
            send(harness, resolved(baseline, "push"));

            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aRetroHuntOverManyRepositoriesIsOneAlertWhenItsWindowEnds() throws Exception {
        try (var harness = harness(null)) {
            List<Finding> hunted = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                hunted.add(pkg("open", "retro_hunt", "acme/repo-" + i, "high", "left-pad", "MAL-2026-9"));
                send(harness, hunted.get(i));
            }
            harness.setProcessingTime(59_999);
            assertThat(harness.extractOutputValues()).as("gathered for the window").isEmpty();

            harness.setProcessingTime(60_000);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
                assertThat(alert.kind()).isEqualTo(AlertKind.RETRO_HUNT_GROUP);
                assertThat(alert.dedupKey()).isEqualTo("iocstream:retro-hunt:MAL-2026-9");
                assertThat(alert.count()).isEqualTo(12);
                assertThat(alert.findings()).hasSize(12);
            });

            for (Finding finding : hunted.subList(0, 11)) {
                send(harness, resolved(finding, "push"));
            }
            assertThat(harness.extractOutputValues()).as("open until its last finding resolves").hasSize(1);
            send(harness, resolved(hunted.get(11), "push"));
            assertThat(harness.extractOutputValues()).last().satisfies(alert -> {
                assertThat(alert.resolve()).isTrue();
                assertThat(alert.dedupKey()).isEqualTo("iocstream:retro-hunt:MAL-2026-9");
            });
        }
    }

    @Test
    void aRetroHuntOfOneFindingIsThatFindingsAlert() throws Exception {
        try (var harness = harness(null)) {
            Finding only = pkg("open", "retro_hunt", "acme/one", "high", "left-pad", "MAL-2026-9");
            send(harness, only);
            harness.setProcessingTime(60_000);

            assertThat(harness.extractOutputValues()).singleElement().extracting(Alert::kind, Alert::dedupKey)
                    .containsExactly(AlertKind.FINDING, "iocstream:" + only.findingId());
        }
    }

    @Test
    void theRateLimitHoldsAndWhatItHeldBackIsOneSummaryThatCountsInTheNextWindow() throws Exception {
        try (var harness = harness(null)) {
            harness.setProcessingTime(1_000);
            for (int i = 0; i < 7; i++) {
                send(harness, open("push", "acme/repo-" + i, "critical"));
            }
            assertThat(harness.extractOutputValues()).as("max_alerts 3").hasSize(3)
                    .allMatch(alert -> alert.kind() == AlertKind.FINDING);

            harness.setProcessingTime(1_000 + HOUR.toMillis());
            List<Alert> alerts = harness.extractOutputValues();
            assertThat(alerts).hasSize(4).last().satisfies(summary -> {
                assertThat(summary.kind()).isEqualTo(AlertKind.OVER_LIMIT_SUMMARY);
                assertThat(summary.count()).isEqualTo(4);
                assertThat(summary.findings()).hasSize(4);
                assertThat(summary.dedupKey()).isEqualTo("iocstream:over-limit:pager:1000");
            });

            for (int i = 7; i < 10; i++) {
                send(harness, open("push", "acme/repo-" + i, "critical"));
            }
            assertThat(harness.extractOutputValues()).as("the summary took one of the next window's three")
                    .hasSize(6);
        }
    }

    @Test
    void aSummaryWhoseFindingsWereAllResolvedBeforeItWentOutIsSentAndResolvedAtOnce() throws Exception {
        try (var harness = harness(null)) {
            harness.setProcessingTime(1_000);
            List<Finding> found = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                found.add(open("push", "acme/repo-" + i, "critical"));
                send(harness, found.get(i));
            }
            send(harness, resolved(found.get(3), "push"));
            send(harness, resolved(found.get(4), "push"));
            assertThat(harness.extractOutputValues()).as("no resolve before its summary").hasSize(3);

            harness.setProcessingTime(1_000 + HOUR.toMillis());
            assertThat(harness.extractOutputValues()).hasSize(5).extracting(Alert::kind, Alert::resolve,
                    Alert::dedupKey).endsWith(
                            org.assertj.core.groups.Tuple.tuple(AlertKind.OVER_LIMIT_SUMMARY, false,
                                    "iocstream:over-limit:pager:1000"),
                            org.assertj.core.groups.Tuple.tuple(AlertKind.OVER_LIMIT_SUMMARY, true,
                                    "iocstream:over-limit:pager:1000"));
        }
    }

    @Test
    void aGroupAndASummaryDueAfterARestoreGoOutUnderTheKeysChosenBeforeIt() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness(null)) {
            harness.setProcessingTime(5);
            for (int i = 0; i < 3; i++) {
                send(harness, open("push", "acme/repo-" + i, "critical"));
            }
            send(harness, open("push", "acme/held", "critical"));
            send(harness, pkg("open", "retro_hunt", "acme/a", "high", "left-pad", "MAL-2026-9"));
            send(harness, pkg("open", "retro_hunt", "acme/b", "high", "left-pad", "MAL-2026-9"));
            snapshot = harness.snapshot(1, 10);
        }
        try (var restored = harness(snapshot)) {
            restored.setProcessingTime(60_005);
            assertThat(restored.extractOutputValues()).as("the group is due while the route is at its limit")
                    .isEmpty();
            restored.setProcessingTime(5 + HOUR.toMillis());
            assertThat(restored.extractOutputValues()).singleElement().satisfies(summary -> {
                assertThat(summary.kind()).isEqualTo(AlertKind.OVER_LIMIT_SUMMARY);
                assertThat(summary.dedupKey()).isEqualTo("iocstream:over-limit:pager:5");
                assertThat(summary.count()).as("the held finding and the group's two").isEqualTo(3);
            });
        }
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, RoutedFinding, Alert> harness,
            Finding finding) throws Exception {
        List<RoutedFinding> routed = new ArrayList<>();
        AlertRouting routing = new AlertRouting(SETTINGS);
        routing.compileGlobs();
        routing.route(finding, new ListCollector<>(routed));
        for (RoutedFinding one : routed) {
            harness.processElement(one, 0);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RoutedFinding, Alert> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertPlanner(SETTINGS)), RoutedFinding::route, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }
}
