package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.source.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP feed poller against a real publisher on loopback serving real OSV entries (the sample world's copies of
 * ossf/malicious-packages entries, zipped here as OSV's all.zip) and an indicators CSV: the first poll loads every
 * feed and announces the initial load; an unchanged publisher costs 304s and brings nothing; an entry that
 * modified_id.csv lists later arrives alone, replacing its earlier version; a failing publisher does not stop the
 * others; and nothing outside the configured URLs is asked.
 */
class HttpFeedPollerTest {

    static final Path OSV = Path.of("src/main/resources/sample-world/iocs/osv/malicious");
    static final Path CHALK = OSV.resolve("npm/chalk/MAL-2025-46969.json");
    static final Path DEBUG = OSV.resolve("npm/debug/MAL-2025-46974.json");
    static final Path TINYCOLOR = Path.of(
            "src/main/resources/sample-world/iocs-later/osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json");
    static final Path INDICATORS = Path.of("src/main/resources/sample-world/iocs/indicators.csv");

    private FeedPublisher publisher;
    private HttpFeedPoller poller;
    private final HttpFeedPosition position = new HttpFeedPosition();

    @BeforeEach
    void publish() throws Exception {
        publisher = FeedPublisher.start()
                .put("/osv/npm/all.zip", FeedPublisher.zipOf(List.of(CHALK, DEBUG)))
                .put("/osv/npm/modified_id.csv", "2025-09-12T01:13:34Z,MAL-2025-46974\n"
                        + "2025-09-12T01:13:34Z,MAL-2025-46969\n")
                .put("/lists/indicators.csv", java.nio.file.Files.readAllBytes(INDICATORS));
        poller = new HttpFeedPoller(new HttpFeedSettings(
                List.of(new HttpFeedSettings.HttpList(publisher.baseUrl() + "/lists/indicators.csv", "indicators.csv")),
                new HttpFeedSettings.OsvExport(publisher.baseUrl() + "/osv", List.of("npm")), Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        poller.close();
        publisher.close();
    }

    @Test
    void loadsEveryFeedThenOnlyWhatChanged() throws Exception {
        List<FeedUpdate> first = poll();
        assertThat(entryIds(first)).containsExactlyInAnyOrder("MAL-2025-46969", "MAL-2025-46974");
        assertThat(first).flatExtracting(FeedUpdate::indicators).extracting(Indicator::id)
                .containsExactly("SHAI-HULUD-RUNNER", "SHAI-HULUD-EXFIL", "SHAI-HULUD-WORKFLOW");
        assertThat(first).flatExtracting(FeedUpdate::entries).extracting(IocEntry::feed)
                .containsOnly("osv/npm/MAL-2025-46969.json", "osv/npm/MAL-2025-46974.json");
        assertThat(first.get(first.size() - 1).type()).isEqualTo(FeedUpdate.Type.INITIAL_LOAD_DONE);
        assertThat(position.initialLoadAnnounced()).isTrue();
        assertThat(position.cursor("npm")).isEqualTo("2025-09-12T01:13:34Z");

        assertThat(poll()).as("an unchanged publisher").isEmpty();
        assertThat(publisher.notModified()).containsExactlyInAnyOrder("/lists/indicators.csv",
                "/osv/npm/modified_id.csv");

        publisher.put("/osv/npm/MAL-2025-47141.json", java.nio.file.Files.readAllBytes(TINYCOLOR))
                .put("/osv/npm/modified_id.csv", "2025-09-17T00:29:08Z,MAL-2025-47141\n"
                        + "2025-09-12T01:13:34Z,MAL-2025-46974\n2025-09-12T01:13:34Z,MAL-2025-46969\n");
        List<FeedUpdate> later = poll();
        assertThat(entryIds(later)).containsOnly("MAL-2025-47141");
        assertThat(later).extracting(FeedUpdate::replaces).containsExactly("osv/npm/MAL-2025-47141.json");
        assertThat(position.cursor("npm")).isEqualTo("2025-09-17T00:29:08Z");
        assertThat(poll()).isEmpty();

        assertThat(publisher.requests()).as("only the configured URLs are asked").allMatch(path ->
                path.equals("/lists/indicators.csv") || path.startsWith("/osv/npm/"));
        assertThat(publisher.requests()).filteredOn(path -> path.endsWith("all.zip")).hasSize(1);
        assertThat(poller.ageSeconds("osv/npm", System.currentTimeMillis())).isLessThan(5);
    }

    @Test
    void aChangedListReplacesItsEarlierEntries() throws Exception {
        poll();
        publisher.put("/lists/indicators.csv", "type,value,id\ndomain,webhook.site,SHAI-HULUD-EXFIL\n");
        List<FeedUpdate> changed = poll();
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).replaces()).isEqualTo("indicators.csv");
        assertThat(changed.get(0).indicators()).extracting(Indicator::id).containsExactly("SHAI-HULUD-EXFIL");
    }

    @Test
    void aFailingPublisherDoesNotStopTheOthersAndIsTriedAgain() throws Exception {
        publisher.fail("/osv/npm/all.zip", 503);
        List<FeedUpdate> first = poll();
        assertThat(entryIds(first)).isEmpty();
        assertThat(first).flatExtracting(FeedUpdate::indicators).hasSize(3);
        assertThat(first.get(first.size() - 1).type()).isEqualTo(FeedUpdate.Type.INITIAL_LOAD_DONE);
        assertThat(position.cursor("npm")).isNull();

        publisher.heal("/osv/npm/all.zip");
        assertThat(entryIds(poll())).containsExactlyInAnyOrder("MAL-2025-46969", "MAL-2025-46974");
    }

    @Test
    void aModifiedListLineThatIsNoLineIsADeadLetter() throws Exception {
        publisher.put("/osv/npm/modified_id.csv", "yesterday,MAL-2025-46969\n2025-09-12T01:13:34Z,MAL-2025-46974\n");
        List<FeedUpdate> first = poll();
        assertThat(first).filteredOn(u -> u.type() == FeedUpdate.Type.DEAD_LETTER).singleElement()
                .satisfies(u -> {
                    assertThat(u.deadLetter().reason()).startsWith("modified_id.csv line is not MODIFIED,ID");
                    assertThat(u.deadLetter().origin()).endsWith("/osv/npm/modified_id.csv:1");
                });
        assertThat(entryIds(first)).containsExactlyInAnyOrder("MAL-2025-46969", "MAL-2025-46974");
    }

    @Test
    void thePositionSurvivesItsCodec() throws Exception {
        poll();
        HttpFeedPosition copy = HttpFeedPosition.CODEC.copy(position);
        assertThat(copy.initialLoadAnnounced()).isTrue();
        assertThat(copy.cursor("npm")).isEqualTo("2025-09-12T01:13:34Z");
        assertThat(copy.etag(publisher.baseUrl() + "/lists/indicators.csv")).startsWith("\"");
    }

    /** One poll, its chunks emitted: their updates, the position moved as a reader would. */
    private List<FeedUpdate> poll() throws Exception {
        Poll<FeedUpdate, HttpFeedPosition> poll = poller.poll(position);
        List<FeedUpdate> updates = new ArrayList<>();
        for (Poll.Chunk<FeedUpdate, HttpFeedPosition> chunk : poll.chunks()) {
            updates.addAll(chunk.records());
            chunk.advance().apply(position);
        }
        return updates;
    }

    private static List<String> entryIds(List<FeedUpdate> updates) {
        return updates.stream().flatMap(u -> u.entries().stream()).map(IocEntry::id).toList();
    }
}
