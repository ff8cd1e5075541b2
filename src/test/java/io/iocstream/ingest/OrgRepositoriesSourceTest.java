package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.source.CollectingOutput;
import io.iocstream.source.Poll;
import io.iocstream.source.PollingSource;
import io.iocstream.source.PollingSplit;
import io.iocstream.source.ReaderDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository listing source's reader against the real simulator: a restored reader goes on from the page it
 * was on, not from page one; the listing comes again after its interval; it keeps to its pace and holds back while
 * the rate-limit window is spent past the baselines' share; an organisation GitHub does not know is left out.
 */
class OrgRepositoriesSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACME = IntStream.rangeClosed(1, 7).mapToObj(i -> "acme/repo-" + i).toList();

    @TempDir
    Path world;
    private GitHubSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aRestoredReaderGoesOnFromItsPageAndNeverListsPageOneAgain() throws Exception {
        start(SimulatorOptions.defaults());
        PollingSource<String, OrgRepositoriesPosition> source = source(settings().withPageSize(3));
        SimpleVersionedSerializer<PollingSplit<OrgRepositoriesPosition>> serializer = source.getSplitSerializer();
        CollectingOutput<String> before = new CollectingOutput<>();
        byte[] checkpoint;
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = reader(source, fresh(source))) {
            ReaderDriver.until(reader, before, 4, TIMEOUT);
            // the checkpoint barrier arrives in the middle of page two
            checkpoint = serializer.serialize(reader.snapshotState(1).get(0));
        }
        assertThat(listingPages()).isEqualTo(2);

        CollectingOutput<String> after = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader =
                reader(source, serializer.deserialize(serializer.getVersion(), checkpoint))) {
            ReaderDriver.until(reader, after, 3, TIMEOUT);
            ReaderDriver.runFor(reader, after, Duration.ofMillis(300));
        }

        assertThat(repositories(before.records())).containsExactlyElementsOf(ACME.subList(0, 4));
        assertThat(repositories(after.records())).containsExactlyElementsOf(ACME.subList(4, 7));
        assertThat(listingPages()).as("page two again, then page three; page one only once").isEqualTo(4);
    }

    @Test
    void eachLineIsABaselineRequestOfTheDefaultBranchThatTheIngestTakes() throws Exception {
        start(SimulatorOptions.defaults());
        PollingSource<String, OrgRepositoriesPosition> source = source(settings());
        CollectingOutput<String> out = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = reader(source, fresh(source))) {
            ReaderDriver.until(reader, out, 7, TIMEOUT);
        }

        assertThat(out.records()).allSatisfy(line -> {
            PushEvent request = PushEventParser.parse(line).event();
            assertThat(request.origin()).isEqualTo(PushOrigin.BASELINE);
            assertThat(request.ref()).isEqualTo("refs/heads/main");
            assertThat(request.after()).isNull();
        });
    }

    @Test
    void theListingComesAgainAfterItsIntervalAndNotBefore() throws Exception {
        start(SimulatorOptions.defaults());
        PollingSource<String, OrgRepositoriesPosition> source = source(settings()
                .withRelistInterval(Duration.ofMillis(1500)));
        CollectingOutput<String> out = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = reader(source, fresh(source))) {
            ReaderDriver.until(reader, out, 7, TIMEOUT);
            ReaderDriver.runFor(reader, out, Duration.ofMillis(500));
            assertThat(out.records()).hasSize(7);
            ReaderDriver.until(reader, out, 14, TIMEOUT);
        }

        assertThat(repositories(out.records().subList(7, 14))).containsExactlyElementsOf(ACME);
    }

    @Test
    void theReaderKeepsToItsPace() throws Exception {
        start(SimulatorOptions.defaults());
        PollingSource<String, OrgRepositoriesPosition> source = source(settings().withPace(60));
        CollectingOutput<String> out = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = reader(source, fresh(source))) {
            ReaderDriver.runFor(reader, out, Duration.ofMillis(2500));
        }

        // one a second: at 0 s, 1 s and 2 s at most
        assertThat(out.records()).hasSizeBetween(1, 3);
    }

    @Test
    void nothingIsRequestedWhileTheRateLimitIsSpentPastTheBaselinesShare() throws Exception {
        start(SimulatorOptions.of(0, 0.0, 20));
        try (GitHubClient other = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            // other automation on the same token spends half of the window
            for (int i = 0; i < 10; i++) {
                other.branchHead("acme/repo-1", "main");
            }
        }
        CollectingOutput<String> held = new CollectingOutput<>();
        PollingSource<String, OrgRepositoriesPosition> halfShare = source(settings().withBaselineShare(0.5));
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader =
                reader(halfShare, fresh(halfShare))) {
            ReaderDriver.runFor(reader, held, Duration.ofMillis(1000));
        }
        assertThat(held.records()).isEmpty();
        assertThat(sim.requestCounts()).doesNotContainKey("repositories");
        try (GitHubClient probe = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            assertThat(probe.rateLimits()).singleElement().satisfies(core -> assertThat(core.remaining())
                    .as("the held source's looks at the rate limit cost nothing").isEqualTo(10));
        }

        CollectingOutput<String> allowed = new CollectingOutput<>();
        PollingSource<String, OrgRepositoriesPosition> larger = source(settings().withBaselineShare(0.6));
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = reader(larger, fresh(larger))) {
            ReaderDriver.until(reader, allowed, 7, TIMEOUT);
        }
    }

    @Test
    void anOrganisationGitHubDoesNotKnowIsLeftOutAndTheOthersAreListed() throws Exception {
        start(SimulatorOptions.defaults());
        PollingSource<String, OrgRepositoriesPosition> source = source(OrgRepositoriesSettings.forOrgs(
                List.of("nobody", "acme"), sim.baseUrl(), null).withPace(6000));
        CollectingOutput<String> out = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = reader(source, fresh(source))) {
            ReaderDriver.until(reader, out, 7, TIMEOUT);
        }
        assertThat(repositories(out.records())).containsExactlyElementsOf(ACME);
    }

    @Test
    void anInstallationListsEveryRepositoryItMayRead() throws Exception {
        start(SimulatorOptions.defaults());
        repository("other/tool");
        PollingSource<String, OrgRepositoriesPosition> source = source(OrgRepositoriesSettings.forInstallation(
                sim.baseUrl(), null).withPace(6000));
        CollectingOutput<String> out = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = reader(source, fresh(source))) {
            ReaderDriver.until(reader, out, 8, TIMEOUT);
        }
        assertThat(repositories(out.records())).contains("other/tool").containsAll(ACME);
    }

    @Test
    void theMetricsCountRepositoriesListedAndBaselinesRequested() throws Exception {
        start(SimulatorOptions.defaults());
        MetricListener metrics = new MetricListener();
        OrgRepositoriesPosition position = new OrgRepositoriesPosition();
        try (GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null));
             OrgRepositoriesPoller poller = new OrgRepositoriesPoller(settings().withPageSize(3), client,
                     Clock.systemUTC())) {
            poller.registerMetrics(metrics.getMetricGroup());
            while (position.lastListingEndedAt() == 0) {
                // what the reader does with a poll: every chunk out, the position moved past it
                for (Poll.Chunk<String, OrgRepositoriesPosition> chunk : poller.poll(position).chunks()) {
                    chunk.advance().apply(position);
                }
            }
        }
        assertThat(metrics.getCounter(OrgRepositoriesPoller.REPOSITORIES_LISTED).orElseThrow().getCount())
                .isEqualTo(7);
        assertThat(metrics.getCounter(OrgRepositoriesPoller.BASELINES_REQUESTED).orElseThrow().getCount())
                .isEqualTo(7);
        assertThat(position.requested()).isEqualTo(7);
    }

    private void start(SimulatorOptions options) throws IOException {
        ACME.forEach(this::repository);
        sim = GitHubSimulator.start(world, options, 0);
    }

    /** A repository of one commit, so the simulator knows its default branch's head. */
    private void repository(String name) {
        try {
            Path commit = world.resolve("repos").resolve(name).resolve("a".repeat(40));
            Files.createDirectories(commit);
            Files.writeString(commit.resolve("README.md"), name + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long listingPages() {
        return sim.requestCounts().getOrDefault("repositories", 0L);
    }

    private OrgRepositoriesSettings settings() {
        return OrgRepositoriesSettings.forOrgs(List.of("acme"), sim.baseUrl(), null).withPace(6000);
    }

    private static PollingSource<String, OrgRepositoriesPosition> source(OrgRepositoriesSettings settings) {
        return OrgRepositoriesSource.create(settings);
    }

    private static PollingSplit<OrgRepositoriesPosition> fresh(PollingSource<String, OrgRepositoriesPosition> source) {
        return new PollingSplit<>("org-repositories", source.startPosition());
    }

    private static SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader(
            PollingSource<String, OrgRepositoriesPosition> source, PollingSplit<OrgRepositoriesPosition> split) {
        // the polling reader needs no context but for metrics
        SourceReader<String, PollingSplit<OrgRepositoriesPosition>> reader = source.createReader(null);
        reader.start();
        reader.addSplits(List.of(split));
        return reader;
    }

    private static List<String> repositories(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            try {
                names.add(JSON.readTree(line).path("repository").asText());
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
        }
        return names;
    }
}
