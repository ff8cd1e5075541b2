package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.FeedDirectorySettings;
import io.iocstream.feeds.FeedDirectorySource;
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
import io.iocstream.testing.FindingsSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * The whole pipeline fed by both live sources: the org events poller (the sample world's pushes as GitHub's Events
 * API lists them, with no file lists, so the pipeline compares; half of them arriving while the job runs) and the
 * live feed directory (a new IOC file arriving later starts a retro hunt). The job is unbounded, so the test
 * cancels it once the findings are in and a few more polls have brought nothing new.
 */
class OrgEventsPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void findsTheSampleWorldsHijackedVersionsFromPolledEvents() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        Path events = world.resolve("events.ndjson");
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        // the first four pushes are there from the start, the rest are pushed while the job runs
        Files.write(events, lines.subList(0, 4), StandardCharsets.UTF_8);

        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withPollIntervalSeconds(1),
                0)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            var feed = env.fromSource(FeedDirectorySource.create(FeedDirectorySettings.of(world.resolve("iocs"),
                    Duration.ofMillis(200))), WatermarkStrategy.noWatermarks(), "feed-directory").setParallelism(1);
            var polled = env.fromSource(OrgEventsSource.create(OrgEventsSettings.of("acme", sim.baseUrl(), null,
                    Duration.ofMillis(200))), WatermarkStrategy.noWatermarks(), "org-events").setParallelism(1);
            PipelineOutputs outputs = new IocStreamPipeline(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE),
                    ThrottleSettings.defaults()).build(polled, "org events acme",
                    feed);
            CloseableIterator<Finding> results = outputs.findings().collectAsync();
            JobClient job = env.executeAsync("org events pipeline test");

            List<Finding> findings = CollectedResults.inBackground(results);
            try {
                awaitSize(findings, 4, sim);
                Files.write(events, lines.subList(4, lines.size()), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                awaitSize(findings, 7, sim);
                // a new IOC lands in the feed directory: the inventories already in state are hunted again
                Path later = world.resolve("iocs-later");
                Path tinycolor = later.resolve("osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json");
                Path target = world.resolve("iocs").resolve(later.relativize(tinycolor).toString());
                Files.createDirectories(target.getParent());
                Files.copy(tinycolor, target);
                awaitSize(findings, 8, sim);
                // three more polls of each source (304s, an unchanged directory): nothing may come twice
                Thread.sleep(3_000);
            } finally {
                job.cancel().get();
                results.close();
            }

            FindingsSchema.assertValid(findings);
            // the Events API says who pushed (actor.login) and when (created_at); a retro hunt says who brought the
            // file in
            assertThat(findings).allSatisfy(f -> {
                assertThat(f.pusher()).isNotBlank().isEqualTo(f.sender());
                assertThat(java.time.Instant.parse(f.pushedAt())).isNotNull();
            });
            assertThat(findings)
                    .extracting(SampleWorldFindings::fields)
                    .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
            assertThat(sim.requestCounts()).containsKey("org_events_not_modified");
        }
    }

    private static void awaitSize(List<Finding> findings, int size, GitHubSimulator sim) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (findings.size() < size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + findings.size() + " of " + size + " findings in " + TIMEOUT
                        + ": " + findings + "; simulator answered " + sim.requestCounts());
            }
            Thread.sleep(50);
        }
    }
}
