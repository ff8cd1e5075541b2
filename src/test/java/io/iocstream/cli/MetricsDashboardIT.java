package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.FeedPublisher;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.job.JobConfigReader;
import io.iocstream.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production job on a local cluster configured by the shipped flink-conf, its Prometheus reporter on a free
 * port, over the sample world through a real Kafka broker and the GitHub simulator: once its findings are
 * committed, {@code /metrics} is scraped over HTTP and must hold every metric the Grafana dashboard
 * (deploy/grafana/iocstream-dashboard.json) queries, and every metric docs/operations.md documents.
 */
class MetricsDashboardIT {

    static final Path DASHBOARD = Path.of("deploy/grafana/iocstream-dashboard.json");
    static final Path OPERATIONS = Path.of("docs/operations.md");
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void theDashboardAndTheRunbookNameOnlyMetricsTheJobExports() throws Exception {
        Set<String> dashboard = DashboardQueries.metricNames(DASHBOARD);
        Set<String> documented = DashboardQueries.documentedMetrics(OPERATIONS);
        assertThat(dashboard).as("the dashboard charts the job's own metrics and Flink's")
                .anyMatch(name -> name.contains("_iocstream_")).anyMatch(name -> name.startsWith("flink_jobmanager_"));
        assertThat(documented).as("the runbook's metric table").hasSizeGreaterThan(15);

        Path world = SampleWorld.unpack(dir.resolve("world"));
        int port = freePort();
        KafkaWorld topics = KafkaWorld.create(kafka, "metrics", world);
        // a fetched list too, so the per-feed age gauge of the HTTP feed source is scraped (it lists nothing)
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
                FeedPublisher publisher = FeedPublisher.start().put("/lists/later.txt", "# nothing yet\n")) {
            Path yaml = topics.writeJobYaml(dir.resolve("job.yaml"), sim.baseUrl(), KafkaWorld.TOKEN_AUTH, null,
                    false);
            Files.writeString(yaml, Files.readString(yaml).replace("feeds:\n", "feeds:\n  http: [{url: \""
                    + publisher.baseUrl() + "/lists/later.txt\"}]\n"));
            try (JobRun job = JobRun.start(JobConfigReader.read(yaml, System::getenv), flinkConfiguration(port))) {
                topics.awaitAllFindings();
                Set<String> wanted = new TreeSet<>(dashboard);
                wanted.addAll(documented);
                Set<String> exported = scrapeUntilAll(port, wanted);
                job.job().cancel().get();

                assertThat(exported).as("exported at http://127.0.0.1:%d/metrics", port)
                        .containsAll(dashboard).containsAll(documented);
            }
        }
    }

    /** The shipped flink-conf with the reporter on {@code port}, checkpoints every second and any free REST port. */
    private Configuration flinkConfiguration(int port) throws IOException {
        Configuration flink = KafkaWorld.flinkConfiguration(dir);
        assertThat(flink.getString("metrics.reporters", null)).as("the shipped reporter").isEqualTo("prom");
        flink.setString("metrics.reporter.prom.port", String.valueOf(port));
        return flink;
    }

    /** Scrapes until every wanted name is there (checkpoint metrics come with the first checkpoints) or time is up. */
    private static Set<String> scrapeUntilAll(int port, Set<String> wanted) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        long deadline = System.nanoTime() + SCRAPE_TIMEOUT.toNanos();
        Set<String> exported;
        do {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            exported = DashboardQueries.exportedNames(response.body());
            if (exported.containsAll(wanted)) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return exported;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
