package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.FeedDirectorySettings;
import io.iocstream.feeds.FeedDirectorySource;
import io.iocstream.github.TestAppKey;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorAuth;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.ingest.OrgEventsSource;
import io.iocstream.ingest.OrgRepositoriesSource;
import io.iocstream.job.JobConfig;
import io.iocstream.job.JobConfigReader;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.testing.CollectedResults;
import io.iocstream.world.WorldGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job file with a GitHub App and no token: the org events poller, the installation's repository listing and the
 * fetch stage all read as the App's installation, against a simulator that checks the App's JWT, mints the
 * installation tokens and answers 401 to anything else. Every dormant repository is listed and baselined (the
 * world's expected findings), and the organisation's events are polled, without one request refused.
 */
class OrgSourcesAsAppTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2).build());

    private static final String APP_ID = "Iv1.orgsources";
    private static final TestAppKey APP_KEY = TestAppKey.generate();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void anAppAloneListsPollsAndBaselines() throws Exception {
        Path world = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(world, 0, 0, 5, 0, 12)).generate();
        List<Tuple> expected = OrgRepositoriesPipelineTest.expected(world);
        assertThat(expected).as("the world plants IOCs").isNotEmpty();
        Path key = APP_KEY.writePkcs1(dir.resolve("app.pem"));
        SimulatorOptions options = SimulatorOptions.defaults().withPollIntervalSeconds(1).withAuth(SimulatorAuth.none()
                .withApp(APP_ID, APP_KEY.publicKey(), SimulatorAuth.GITHUB_TOKEN_LIFETIME).requiringCredentials());

        try (GitHubSimulator sim = GitHubSimulator.start(world, options, 0)) {
            Path yaml = Files.writeString(dir.resolve("job.yaml"), """
                    sources:
                      org_events: [{org: acme, poll_interval: 200ms}]
                      org_listing: {installation: true, repos_per_minute: 600, page_size: 5}
                    github:
                      api_base_url: %s
                      app: {app_id: %s, private_key_file: %s, installation_id: 7}
                    feeds: {directory: %s}
                    sinks:
                      files: {path: %s}
                    """.formatted(sim.baseUrl(), APP_ID, key, world.resolve("iocs"), dir.resolve("out")));
            // no token variable in the environment: the reader would refuse a token_env that is not set
            JobConfig config = JobConfigReader.read(yaml, Map.<String, String>of()::get);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            var feed = env.fromSource(FeedDirectorySource.create(FeedDirectorySettings.of(world.resolve("iocs"),
                    Duration.ofMillis(200))), WatermarkStrategy.noWatermarks(), "feed-directory").setParallelism(1);
            var polled = env.fromSource(OrgEventsSource.create(config.orgEventsSettings(
                    config.sources().orgEvents().get(0))), WatermarkStrategy.noWatermarks(), "org-events")
                    .setParallelism(1);
            var listed = env.fromSource(OrgRepositoriesSource.create(config.orgListingSettings()),
                    WatermarkStrategy.noWatermarks(), "org-repositories").setParallelism(1);
            PipelineOutputs outputs = new IocStreamPipeline(config.fetchSettings(), config.throttleSettings())
                    .build(polled.union(listed), "org events + listing as an App", feed);
            CloseableIterator<Finding> results = outputs.findings().collectAsync();
            JobClient job = env.executeAsync("org sources as an App");

            List<Finding> findings = CollectedResults.inBackground(results);
            try {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while ((findings.size() < expected.size() || polls(sim) < 2)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(1_000);
            } finally {
                job.cancel().get();
                results.close();
            }

            assertThat(findings).extracting(OrgRepositoriesPipelineTest::fields)
                    .containsExactlyInAnyOrderElementsOf(expected);
            Map<String, Long> requests = sim.requestCounts();
            assertThat(requests).as("installation tokens minted with the App's JWT")
                    .containsKey("access_tokens").doesNotContainKeys("access_tokens_refused", "unauthorized");
            assertThat(requests.get("repositories")).as("the installation's repositories listed").isPositive();
            assertThat(polls(sim)).as("the organisation's events polled, again and again").isGreaterThanOrEqualTo(2);
        }
    }

    /** Polls of the organisation's events the simulator answered, with events or 304 Not Modified. */
    private static long polls(GitHubSimulator sim) {
        Map<String, Long> requests = sim.requestCounts();
        return requests.getOrDefault("org_events", 0L) + requests.getOrDefault("org_events_not_modified", 0L);
    }
}
