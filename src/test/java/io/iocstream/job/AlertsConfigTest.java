package io.iocstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.alerts.AlertReceiver;
import io.iocstream.alerts.AlertRoute;
import io.iocstream.alerts.AlertSettings;
import io.iocstream.alerts.ReceiverType;
import io.iocstream.feeds.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sinks.alerts} in the job file: the shipped example, the defaults, and each mistake named by its key. */
class AlertsConfigTest {

    private static final String MINIMAL = """
            sources:
              kafka: {bootstrap_servers: "k:9092", topic: pushes, group_id: g}
            github:
              token_env: GH_TOKEN
            feeds:
              directory: /feeds
            sinks:
              files: {path: /out}
              alerts:
                receivers:
                  - {name: oncall, type: pagerduty, secret_env: PD_KEY}
                routes:
                  - {name: page, receiver: oncall}
            """;

    @TempDir
    Path dir;

    @Test
    void theShippedExampleHasAReceiverOfEachTypeAndItsRoutes() {
        AlertSettings settings = JobConfigReader.read(Path.of("flink-conf/job.yaml"),
                Map.of("GITHUB_TOKEN", "t")::get).sinks().alerts().settings();

        assertThat(settings.receivers()).extracting(AlertReceiver::type).containsExactly(ReceiverType.PAGERDUTY,
                ReceiverType.OPSGENIE, ReceiverType.SLACK, ReceiverType.WEBHOOK);
        assertThat(settings.routes()).extracting(AlertRoute::name).containsExactly("page-critical", "payments",
                "everything-to-chat", "soar");
        assertThat(settings.routes().get(0)).isEqualTo(new AlertRoute("page-critical", "oncall", Severity.CRITICAL,
                Set.of("push", "retro_hunt"), List.of("acme/*"), 10, Duration.ofHours(1)));
    }

    @Test
    void theExampleInTheConfigurationDocsReads() throws Exception {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        String section = docs.substring(docs.indexOf("### `sinks.alerts`"));
        String example = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 8));
        String yaml = MINIMAL.substring(0, MINIMAL.indexOf("sinks:")) + example.replace("sinks:\n",
                "sinks:\n  files: {path: /out}\n");
        Path file = Files.writeString(dir.resolve("docs-example.yaml"), yaml, StandardCharsets.UTF_8);

        AlertSettings settings = JobConfigReader.read(file, Map.of("GH_TOKEN", "t", "PAGERDUTY_ROUTING_KEY", "k",
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/x", "SOAR_TOKEN", "s")::get)
                .sinks().alerts().settings();

        assertThat(settings.receivers()).extracting(AlertReceiver::type).containsExactly(ReceiverType.PAGERDUTY,
                ReceiverType.OPSGENIE, ReceiverType.SLACK, ReceiverType.WEBHOOK);
        assertThat(settings.routes()).hasSize(4);
    }

    @Test
    void leftOutKeysTakeTheirDefaultsAndBaselinesPageNoOne() throws Exception {
        AlertSettings settings = read(MINIMAL).sinks().alerts().settings();

        assertThat(settings.routes()).containsExactly(new AlertRoute("page", "oncall", Severity.LOW,
                Set.of("push", "retro_hunt"), List.of("*/*"), 20, Duration.ofHours(1)));
        assertThat(settings.receivers()).containsExactly(new AlertReceiver("oncall", ReceiverType.PAGERDUTY, null,
                "PD_KEY", null));
        assertThat(settings.retroHuntWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.webBaseUrl()).isEqualTo("https://github.com");
        assertThat(settings.retry().maxAttempts()).isEqualTo(6);
    }

    @Test
    void mistakesAreNamedByTheirKey() {
        assertError(MINIMAL.replace("receiver: oncall", "receiver: pager"), "sinks.alerts.routes[0].receiver",
                "no receiver named pager (receivers: oncall)");
        assertError(MINIMAL.replace(", secret_env: PD_KEY", ""), "sinks.alerts.receivers[0].secret_env",
                "required (or secret_file): the routing key");
        assertError(MINIMAL.replace("secret_env: PD_KEY", "secret_env: R0UTING-KEY-VALUE"),
                "sinks.alerts.receivers[0].secret_env", "the name of an environment variable");
        assertError(MINIMAL.replace("secret_env: PD_KEY", "secret_env: UNSET_KEY"),
                "sinks.alerts.receivers[0].secret_env", "environment variable UNSET_KEY is not set");
        assertError(MINIMAL.replace("type: pagerduty, secret_env: PD_KEY",
                "type: slack, url: \"https://hooks.slack.com/services/x\", secret_env: PD_KEY"),
                "sinks.alerts.receivers[0].url", "a Slack webhook's URL is its secret");
        assertError(MINIMAL.replace("type: pagerduty, secret_env: PD_KEY", "type: webhook, url: \"http://soar/x\""),
                "sinks.alerts.receivers[0].url", "must be an https URL");
        assertError(MINIMAL.replace("type: pagerduty", "type: teams"), "sinks.alerts.receivers[0].type",
                "'teams' is not one of pagerduty, opsgenie, slack, webhook");
        assertError(MINIMAL.replace("receiver: oncall}", "receiver: oncall, triggers: [pushed]}"),
                "sinks.alerts.routes[0].triggers[0]", "is not one of push, baseline, retro_hunt");
        assertError(MINIMAL.replace("receiver: oncall}", "receiver: oncall, min_severity: urgent}"),
                "sinks.alerts.routes[0].min_severity", "is not one of critical, high, medium, low");
        assertError(MINIMAL.replace("receiver: oncall}", "receiver: oncall, max_alerts: 0}"),
                "sinks.alerts.routes[0].max_alerts", "must be at least 1");
        assertError(MINIMAL.replace("receiver: oncall}", "receiver: oncall, repos: [\"acme/[\"]}"),
                "sinks.alerts.routes[0].repos", "not a glob");
        assertError(MINIMAL.replace("receiver: oncall}", "receiver: oncall, severity: high}"),
                "sinks.alerts.routes[0].severity", "unknown key");
    }

    private JobConfig read(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml, StandardCharsets.UTF_8);
        return JobConfigReader.read(file, Map.of("GH_TOKEN", "t", "PD_KEY", "k")::get);
    }

    private void assertError(String yaml, String key, String problem) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).satisfies(e -> {
            assertThat(((ConfigException) e).key()).isEqualTo(key);
            assertThat(((ConfigException) e).problem()).contains(problem);
        });
    }
}
