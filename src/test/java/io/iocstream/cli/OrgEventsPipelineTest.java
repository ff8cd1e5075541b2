package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.findings.Finding;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.ingest.OrgEventsSettings;
import io.iocstream.ingest.OrgEventsSource;
import io.iocstream.match.FeedDirectorySettings;
import io.iocstream.match.FeedDirectorySource;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.throttle.ThrottleSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
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
    private static final String S1 = "a410548e04ec054d4ce326043a91998461fa710e";
    private static final String S2 = "eacb9d8e845c478d0cf2cd9c84aebcf11e2b1188";
    private static final String S3 = "3ef98a9b22af6ad2651e480e47e9ed4c39802c59";
    private static final String P2 = "1c61293d1f5147712b6d331666e2b14427a26238";
    private static final String P3 = "682e67ecbb57e018482e68db02b7532c49dcf71c";
    private static final String L1 = "ea625984968645813814330d394eb849e954a263";

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

            List<Finding> findings = new CopyOnWriteArrayList<>();
            Thread collector = new Thread(() -> {
                try {
                    results.forEachRemaining(findings::add);
                } catch (RuntimeException cancelled) {
                    // the test cancels the unbounded job; the collector learns of it this way
                }
            }, "findings");
            collector.setDaemon(true);
            collector.start();
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

            assertThat(findings)
                    .extracting(Finding::status, Finding::trigger, Finding::repo, Finding::ref, Finding::commit,
                            Finding::path, Finding::packageName, Finding::version, Finding::iocIds)
                    .containsExactlyInAnyOrder(
                            tuple("open", "baseline", "acme/storefront", "refs/heads/main", S1, "package-lock.json",
                                    "chalk", "5.6.1", List.of("MAL-2025-46969")),
                            tuple("open", "push", "acme/payments-api", "refs/heads/main", P2, "package-lock.json",
                                    "debug", "4.4.2", List.of("MAL-2025-46974")),
                            tuple("resolved", "push", "acme/storefront", "refs/heads/main", S2, "package-lock.json",
                                    "chalk", "5.6.1", List.of("MAL-2025-46969")),
                            tuple("open", "baseline", "acme/storefront", "refs/heads/feature/legacy-colors", S3,
                                    "package-lock.json", "chalk", "5.6.1", List.of("MAL-2025-46969")),
                            tuple("resolved", "push", "acme/storefront", "refs/heads/feature/legacy-colors", S3,
                                    "package-lock.json", "chalk", "5.6.1", List.of("MAL-2025-46969")),
                            tuple("open", "retro_hunt", "acme/payments-api", "refs/heads/main", P3,
                                    "services/ui/package-lock.json", "@ctrl/tinycolor", "4.1.0",
                                    List.of("MAL-2025-47141")),
                            tuple("open", "baseline", "acme/legacy-tools", "refs/heads/main", L1,
                                    ".github/workflows/discussion.yaml", null, null, List.of("SHAI-HULUD-RUNNER")),
                            tuple("open", "baseline", "acme/legacy-tools", "refs/heads/main", L1,
                                    ".github/workflows/discussion.yaml", null, null, List.of("SHAI-HULUD-EXFIL")));
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
