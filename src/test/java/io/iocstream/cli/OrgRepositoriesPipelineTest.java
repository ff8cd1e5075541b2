package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.feeds.FeedDirectorySettings;
import io.iocstream.feeds.FeedDirectorySource;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.RateWindow;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.ingest.OrgRepositoriesSettings;
import io.iocstream.ingest.OrgRepositoriesSource;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.testing.CollectedResults;
import io.iocstream.throttle.ThrottleSettings;
import io.iocstream.world.WorldGenerator;
import io.iocstream.testing.FindingsSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole organisation from the first minute: a generated world of repositories none of which is ever pushed
 * to, fed to the pipeline by the repository listing alone, is baselined in full (its expected findings, trigger
 * baseline, at each repository's head) within the configured share of the simulator's rate limit, and the metrics
 * count what was listed and requested. The job is unbounded, so the test cancels it once the findings are in and
 * a while longer has brought nothing more.
 */
class OrgRepositoriesPipelineTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2)
                    .setConfiguration(METRICS.addToConfiguration(new Configuration())).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int DORMANT = 30;
    private static final int RATE_LIMIT = 1_000;
    private static final double SHARE = 0.5;

    @TempDir
    Path dir;

    @Test
    void aWorldNeverPushedToIsBaselinedInFullWithinTheRateLimitShare() throws Exception {
        Path world = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(world, 0, 0, 11, 0, DORMANT)).generate();
        List<Tuple> expected = expected(world);
        assertThat(expected).as("the world plants IOCs").isNotEmpty();

        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.of(0, 0.0, RATE_LIMIT), 0)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            var feed = env.fromSource(FeedDirectorySource.create(FeedDirectorySettings.of(world.resolve("iocs"),
                    Duration.ofMillis(200))), WatermarkStrategy.noWatermarks(), "feed-directory").setParallelism(1);
            var listed = env.fromSource(OrgRepositoriesSource.create(OrgRepositoriesSettings.forOrgs(List.of("acme"),
                    sim.baseUrl(), null).withPageSize(10).withPace(600).withBaselineShare(SHARE)),
                    WatermarkStrategy.noWatermarks(), "org-repositories").setParallelism(1);
            PipelineOutputs outputs = new IocStreamPipeline(FetchSettings.of(sim.baseUrl(), null,
                    FetchStrategy.ADAPTIVE), ThrottleSettings.defaults()).build(listed, "org repositories acme", feed);
            CloseableIterator<Finding> results = outputs.findings().collectAsync();
            JobClient job = env.executeAsync("org repositories pipeline test");

            List<Finding> findings = CollectedResults.inBackground(results);
            try {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (findings.size() < expected.size() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // every repository is requested, listed and read by now; nothing more may come
                Thread.sleep(1_500);
            } finally {
                job.cancel().get();
                results.close();
            }

            FindingsSchema.assertValid(findings);
            assertThat(findings).extracting(OrgRepositoriesPipelineTest::fields)
                    .containsExactlyInAnyOrderElementsOf(expected);
            Map<String, Long> requests = sim.requestCounts();
            assertThat(requests).containsEntry("git_refs", (long) DORMANT).containsEntry("repositories", 3L)
                    .doesNotContainKey("rate_limited");
            try (GitHubClient probe = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
                RateWindow core = probe.rateLimits().get(0);
                assertThat(core.limit() - core.remaining()).as("requests spent, within the share")
                        .isPositive().isLessThanOrEqualTo((long) (SHARE * RATE_LIMIT));
            }
            assertThat(counter(job, "repositoriesListed")).isEqualTo(DORMANT);
            assertThat(counter(job, "baselinesRequested")).isEqualTo(DORMANT);
            assertThat(counter(job, "baselineRequests")).as("taken in by the ingest").isEqualTo(DORMANT);
        }
    }

    private static long counter(JobClient job, String name) {
        Map<String, Metric> found = METRICS.findMetrics(job.getJobID(), name);
        assertThat(found).as(name).hasSize(1);
        return ((Counter) found.values().iterator().next()).getCount();
    }

    static Tuple fields(Finding f) {
        return tuple(f.status(), f.trigger(), f.repo(), f.ref(), f.commit(), f.path(), f.packageName(), f.version());
    }

    static List<Tuple> expected(Path world) throws Exception {
        List<Tuple> expected = new ArrayList<>();
        for (String line : Files.readAllLines(world.resolve("expected.jsonl"))) {
            expected.add(fields(JSON.readValue(line, Finding.class)));
        }
        return expected;
    }
}
