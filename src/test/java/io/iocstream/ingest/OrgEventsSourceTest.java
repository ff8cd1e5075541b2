package io.iocstream.ingest;

import static io.iocstream.ingest.OrgEventsPollerTest.refs;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.sim.EventLines;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import io.iocstream.source.CollectingOutput;
import io.iocstream.source.PollingSource;
import io.iocstream.source.PollingSplit;
import io.iocstream.source.ReaderDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The org events source's reader against the real simulator: it keeps to X-Poll-Interval while running, and a
 * reader restored from a checkpointed split (through the source's own serializer) neither repeats nor loses events.
 */
class OrgEventsSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path world;
    private GitHubSimulator sim;
    private PollingSource<String, OrgEventsPosition> source;

    @BeforeEach
    void start() throws Exception {
        TestWorld.write(world);
        EventLines.append(world, EventLines.pushes(0, 5));
        sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withPollIntervalSeconds(1), 0);
        source = OrgEventsSource.create(OrgEventsSettings.of("acme", sim.baseUrl(), null, Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aRestoredReaderContinuesAfterTheLastEventItEmittedBeforeTheCheckpoint() throws Exception {
        CollectingOutput<String> before = new CollectingOutput<>();
        byte[] checkpoint;
        SimpleVersionedSerializer<PollingSplit<OrgEventsPosition>> serializer = source.getSplitSerializer();
        try (SourceReader<String, PollingSplit<OrgEventsPosition>> reader = reader(fresh())) {
            ReaderDriver.until(reader, before, 3, TIMEOUT);
            // the checkpoint barrier arrives between two records of one poll
            checkpoint = serializer.serialize(reader.snapshotState(1).get(0));
        }
        EventLines.append(world, EventLines.pushes(5, 2));

        CollectingOutput<String> after = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgEventsPosition>> reader =
                reader(serializer.deserialize(serializer.getVersion(), checkpoint))) {
            ReaderDriver.until(reader, after, 4, TIMEOUT);
            ReaderDriver.runFor(reader, after, Duration.ofMillis(1500));
        }

        assertThat(refs(before.records())).containsExactly("refs/heads/b0", "refs/heads/b1", "refs/heads/b2");
        assertThat(refs(after.records())).containsExactly("refs/heads/b3", "refs/heads/b4", "refs/heads/b5",
                "refs/heads/b6");
    }

    @Test
    void aReaderRestoredAfterAFullPollWaitsOutThePollIntervalThenGets304() throws Exception {
        SimpleVersionedSerializer<PollingSplit<OrgEventsPosition>> serializer = source.getSplitSerializer();
        byte[] checkpoint;
        try (SourceReader<String, PollingSplit<OrgEventsPosition>> reader = reader(fresh())) {
            CollectingOutput<String> out = new CollectingOutput<>();
            ReaderDriver.until(reader, out, 5, TIMEOUT);
            ReaderDriver.runFor(reader, out, Duration.ofMillis(100));
            checkpoint = serializer.serialize(reader.snapshotState(1).get(0));
        }
        long pollsBefore = firstPagePolls();

        CollectingOutput<String> restored = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgEventsPosition>> reader =
                reader(serializer.deserialize(serializer.getVersion(), checkpoint))) {
            ReaderDriver.runFor(reader, restored, Duration.ofMillis(500));
            assertThat(firstPagePolls()).as("no poll within the interval, restart or not").isEqualTo(pollsBefore);
            ReaderDriver.runFor(reader, restored, Duration.ofMillis(1200));
        }

        assertThat(restored.records()).isEmpty();
        assertThat(sim.requestCounts().get("org_events_not_modified")).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void aRunningReaderPollsNoFasterThanXPollInterval() throws Exception {
        CollectingOutput<String> out = new CollectingOutput<>();
        try (SourceReader<String, PollingSplit<OrgEventsPosition>> reader = reader(fresh())) {
            ReaderDriver.runFor(reader, out, Duration.ofMillis(3500));
        }

        assertThat(out.records()).hasSize(5);
        // at 0 s, 1 s, 2 s and 3 s at most, although the poller was configured for every 50 ms
        assertThat(firstPagePolls()).isBetween(2L, 4L);
    }

    private long firstPagePolls() {
        return sim.requestCounts().getOrDefault("org_events", 0L)
                + sim.requestCounts().getOrDefault("org_events_not_modified", 0L);
    }

    private PollingSplit<OrgEventsPosition> fresh() {
        return new PollingSplit<>("org-events-acme", source.startPosition());
    }

    private SourceReader<String, PollingSplit<OrgEventsPosition>> reader(PollingSplit<OrgEventsPosition> split) {
        // the polling reader uses nothing of its context
        SourceReader<String, PollingSplit<OrgEventsPosition>> reader = source.createReader(null);
        reader.start();
        reader.addSplits(List.of(split));
        return reader;
    }
}
