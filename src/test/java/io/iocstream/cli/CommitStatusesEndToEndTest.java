package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.FeedDirectory;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.github.GitHubCredentials;
import io.iocstream.github.TestAppKey;
import io.iocstream.github.sim.CheckRun;
import io.iocstream.github.sim.CommitStatus;
import io.iocstream.github.sim.ContentCreationLimit;
import io.iocstream.github.sim.ContentRequest;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorAuth;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.ingest.Utf8LineFormat;
import io.iocstream.match.ScanRecord;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.statuses.CommitMark;
import io.iocstream.statuses.CommitStatusSink;
import io.iocstream.statuses.ContentLimit;
import io.iocstream.statuses.StatusSettings;
import io.iocstream.throttle.ThrottleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The whole pipeline on a MiniCluster with the commit-status sink on its scan records, against the simulator as the
 * GitHub it stands in for: every scanned head commit of the sample world gets a mark, a failure exactly where its
 * scan opened findings; as check runs when the sink writes as a GitHub App; and with a low content-creation limit,
 * no window of the simulator's ever holds more than the limit.
 */
class CommitStatusesEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2).build());

    private static final String APP_ID = "Iv1.5e1ec7ab1e";
    private static final TestAppKey APP_KEY = TestAppKey.generate();
    private static final Duration WINDOW = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    /** Runs the sample world with the sink attached; the scan records the pipeline made. */
    private List<ScanRecord> run(Path world, GitHubSimulator sim, StatusSettings marks) throws Exception {
        List<FeedUpdate> feed = new ArrayList<>(FeedUpdate.of(FeedDirectory.read(world.resolve("iocs")), false, null));
        feed.add(FeedUpdate.initialLoadDone());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var lines = env.fromSource(FileSource.forRecordStreamFormat(new Utf8LineFormat(),
                new org.apache.flink.core.fs.Path(world.resolve("events.ndjson").toUri())).build(),
                WatermarkStrategy.noWatermarks(), "events").setParallelism(1);
        PipelineOutputs outputs = new IocStreamPipeline(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE),
                ThrottleSettings.defaults()).build(lines, "events.ndjson",
                env.fromData(feed, TypeInformation.of(FeedUpdate.class)));
        outputs.scans().sinkTo(new CommitStatusSink(marks)).name("commit-statuses").setParallelism(1);
        List<ScanRecord> scans = new ArrayList<>();
        try (CloseableIterator<ScanRecord> results = outputs.scans().collectAsync()) {
            env.execute("commit statuses test");
            results.forEachRemaining(scans::add);
        }
        return scans;
    }

    /** What each marked commit should have been marked with: one verdict per scan of it. */
    private static Map<String, List<String>> expected(List<ScanRecord> scans, boolean checkRuns) {
        return scans.stream().filter(CommitMark::marks).collect(Collectors.groupingBy(s -> s.repo() + "@" + s.commit(),
                Collectors.mapping(s -> checkRuns ? CommitMark.of(s, 0).verdict().conclusion()
                        : CommitMark.of(s, 0).verdict().state(), Collectors.toList())));
    }

    @Test
    void everyScannedHeadCommitGetsAStatusAFailureWhereFindingsCameIn() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0)) {
            List<ScanRecord> scans = run(world, sim, StatusSettings.statuses(sim.baseUrl(), null));

            Map<String, List<String>> marked = sim.commitStatuses().stream().collect(Collectors.groupingBy(
                    s -> s.repo() + "@" + s.sha(), Collectors.mapping(CommitStatus::state, Collectors.toList())));
            assertThat(marked).hasSameSizeAs(expected(scans, false));
            expected(scans, false).forEach((commit, states) ->
                    assertThat(marked.get(commit)).as(commit).containsExactlyInAnyOrderElementsOf(states));
            // the sample world's pushes bring chalk and debug in, and legacy-tools' baseline a workflow and a domain
            assertThat(sim.commitStatuses()).filteredOn(s -> s.state().equals("failure")).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(s -> assertThat(s.description()).matches("\\d+ findings?: [A-Z]+-.+")
                            .hasSizeLessThanOrEqualTo(CommitMark.MAX_DESCRIPTION));
            assertThat(sim.commitStatuses()).extracting(CommitStatus::state).contains("success");
            assertThat(sim.commitStatuses()).allSatisfy(s -> assertThat(s.context()).isEqualTo("iocstream"));
            Set<String> failures = scans.stream().filter(s -> s.findingsOpened() > 0)
                    .map(s -> s.repo() + "@" + s.commit()).collect(Collectors.toSet());
            assertThat(sim.commitStatuses()).filteredOn(s -> s.state().equals("failure"))
                    .allSatisfy(s -> assertThat(failures).contains(s.repo() + "@" + s.sha()));
        }
    }

    @Test
    void aGitHubAppCreatesCheckRunsInstead() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        Path key = APP_KEY.writePkcs1(dir.resolve("app.pem"));
        SimulatorOptions withApp = SimulatorOptions.defaults().withAuth(SimulatorAuth.none()
                .withApp(APP_ID, APP_KEY.publicKey(), Duration.ofHours(1)));
        try (GitHubSimulator sim = GitHubSimulator.start(world, withApp, 0)) {
            StatusSettings checkRuns = StatusSettings.statuses(sim.baseUrl(), null)
                    .asCheckRuns(new GitHubCredentials.App(APP_ID, key.toString(), 4242));
            List<ScanRecord> scans = run(world, sim, checkRuns);

            Map<String, List<String>> marked = sim.checkRuns().stream().collect(Collectors.groupingBy(
                    r -> r.repo() + "@" + r.headSha(), Collectors.mapping(CheckRun::conclusion, Collectors.toList())));
            assertThat(marked).hasSameSizeAs(expected(scans, true));
            expected(scans, true).forEach((commit, conclusions) ->
                    assertThat(marked.get(commit)).as(commit).containsExactlyInAnyOrderElementsOf(conclusions));
            assertThat(sim.checkRuns()).allSatisfy(run -> {
                assertThat(run.name()).isEqualTo("iocstream");
                assertThat(run.status()).isEqualTo("completed");
            });
            assertThat(sim.checkRuns()).filteredOn(run -> run.conclusion().equals("failure")).isNotEmpty()
                    .allSatisfy(run -> assertThat(run.summary()).contains("| severity | file | what | advisory |")
                            .containsPattern("\\| (critical|high) \\| `[^`]+` \\| \\w+: `[^`]+` \\| [A-Z]+-"));
            assertThat(sim.commitStatuses()).isEmpty();
        }
    }

    @Test
    void aLowLimitIsNeverExceededAndEveryMarkStillGoesOut() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        SimulatorOptions limited = SimulatorOptions.defaults()
                .withContentLimits(List.of(new ContentCreationLimit(2, WINDOW)));
        try (GitHubSimulator sim = GitHubSimulator.start(world, limited, 0)) {
            List<ScanRecord> scans = run(world, sim, StatusSettings.statuses(sim.baseUrl(), null)
                    .withLimits(List.of(new ContentLimit(2, WINDOW))));

            assertThat(sim.commitStatuses()).hasSize((int) scans.stream().filter(CommitMark::marks).count());
            List<ContentRequest> requests = sim.contentRequests();
            assertThat(requests).allMatch(ContentRequest::accepted);
            for (ContentRequest last : requests) {
                assertThat(requests.stream().filter(r -> !r.at().isAfter(last.at())
                        && r.at().isAfter(last.at().minus(WINDOW))).count()).as("requests in the window to %s", last.at())
                        .isLessThanOrEqualTo(2);
            }
        }
    }
}
