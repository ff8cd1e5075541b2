package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.FeedPublisher;
import io.iocstream.feeds.HttpFeedSettings;
import io.iocstream.feeds.HttpFeedSource;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.ingest.OrgEventsSettings;
import io.iocstream.ingest.OrgEventsSource;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.testing.CollectedResults;
import io.iocstream.throttle.ThrottleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a MiniCluster with its feeds fetched over HTTP from a publisher on loopback: OSV's export of
 * npm and PyPI (the sample world's real OSV entries, zipped as all.zip) and the indicators CSV as a list with an
 * ETag. The pushes come from the org events poller. Once the findings of the initial feeds are in, the publisher
 * lists a new entry in npm's modified_id.csv: it is fetched on its own and hunted in every inventory, a
 * {@code retro_hunt} finding in a file seen long before.
 */
class HttpFeedsPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aNewEntryTheOsvExportListsIsHuntedInEveryInventory() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        Path osv = world.resolve("iocs/osv/malicious");
        Path tinycolor = world.resolve("iocs-later/osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json");
        try (FeedPublisher publisher = FeedPublisher.start();
                GitHubSimulator sim = GitHubSimulator.start(world,
                        SimulatorOptions.defaults().withPollIntervalSeconds(1), 0)) {
            publisher.put("/osv/npm/all.zip", FeedPublisher.zipOf(List.of(
                            osv.resolve("npm/chalk/MAL-2025-46969.json"), osv.resolve("npm/debug/MAL-2025-46974.json"))))
                    .put("/osv/npm/modified_id.csv", "2025-09-12T01:13:34Z,MAL-2025-46974\n"
                            + "2025-09-12T01:13:34Z,MAL-2025-46969\n")
                    .put("/osv/PyPI/all.zip", FeedPublisher.zipOf(List.of(
                            osv.resolve("pypi/litellm/MAL-2026-2144.json"))))
                    .put("/osv/PyPI/modified_id.csv", "2026-03-26T09:53:17Z,MAL-2026-2144\n")
                    .put("/lists/indicators.csv", Files.readAllBytes(world.resolve("iocs/indicators.csv")));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            var feed = env.fromSource(HttpFeedSource.create(new HttpFeedSettings(
                    List.of(new HttpFeedSettings.HttpList(publisher.baseUrl() + "/lists/indicators.csv",
                            "indicators.csv")),
                    new HttpFeedSettings.OsvExport(publisher.baseUrl() + "/osv", List.of("npm", "PyPI")),
                    Duration.ofMillis(300))), WatermarkStrategy.noWatermarks(), "feed-http").setParallelism(1);
            var polled = env.fromSource(OrgEventsSource.create(OrgEventsSettings.of("acme", sim.baseUrl(), null,
                    Duration.ofMillis(200))), WatermarkStrategy.noWatermarks(), "org-events").setParallelism(1);
            PipelineOutputs outputs = new IocStreamPipeline(FetchSettings.of(sim.baseUrl(), null,
                    FetchStrategy.ADAPTIVE), ThrottleSettings.defaults()).build(polled, "org events acme", feed);
            CloseableIterator<Finding> results = outputs.findings().collectAsync();
            JobClient job = env.executeAsync("http feeds pipeline test");

            List<Finding> findings = CollectedResults.inBackground(results);
            try {
                awaitSize(findings, 7);
                assertThat(findings).noneMatch(f -> "retro_hunt".equals(f.trigger()));
                publisher.put("/osv/npm/MAL-2025-47141.json", Files.readAllBytes(tinycolor))
                        .put("/osv/npm/modified_id.csv", "2025-09-17T00:29:08Z,MAL-2025-47141\n"
                                + "2025-09-12T01:13:34Z,MAL-2025-46974\n2025-09-12T01:13:34Z,MAL-2025-46969\n");
                awaitSize(findings, 8);
                // more polls of an unchanged publisher (304s): nothing may come twice
                Thread.sleep(2_000);
            } finally {
                job.cancel().get();
                results.close();
            }

            assertThat(findings).extracting(SampleWorldFindings::fields)
                    .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
            assertThat(publisher.notModified()).contains("/lists/indicators.csv", "/osv/npm/modified_id.csv");
            assertThat(publisher.requests()).filteredOn(path -> path.endsWith("all.zip")).hasSize(2);
        }
    }

    private static void awaitSize(List<Finding> findings, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (findings.size() < size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + findings.size() + " of " + size + " findings in " + TIMEOUT
                        + ": " + findings);
            }
            Thread.sleep(50);
        }
    }
}
