package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.source.Poll;
import io.iocstream.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed topic against a real broker: the files already on the topic are the initial load, announced once; later
 * records are live updates that replace their file, a tombstone withdraws a file, a file no reader knows is a dead
 * letter, and a poller restored from the position repeats nothing.
 */
class FeedTopicPollerTest {

    private static final String TOPIC = "feeds";
    private static final String CHALK = "osv/MAL-2025-46969.json";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension().withTopic(TOPIC, 2, true);

    @Test
    void theTopicIsLoadedThenFollowed() throws Exception {
        byte[] chalk = Files.readAllBytes(Path.of("src/test/resources/ioc/osv/malicious/npm/chalk/MAL-2025-46969.json"));
        kafka.produce(TOPIC, List.of(record(CHALK, chalk), record("lists/npm.txt", "debug@4.4.2\n".getBytes()),
                record("notes.xml", "<feed/>".getBytes())));
        FeedTopicSource.Settings settings = new FeedTopicSource.Settings(kafka.bootstrapServers(), TOPIC,
                Duration.ofMillis(200));
        FeedTopicPosition position = new FeedTopicPosition();

        List<FeedUpdate> initial = new ArrayList<>();
        try (FeedTopicPoller poller = new FeedTopicPoller(settings)) {
            position = pollUntil(poller, position, initial, out -> out.contains(FeedUpdate.initialLoadDone()));
            assertThat(initial.get(initial.size() - 1)).isEqualTo(FeedUpdate.initialLoadDone());
            assertThat(initial).filteredOn(u -> u.type() == FeedUpdate.Type.ENTRIES)
                    .extracting(FeedUpdate::replaces).containsExactlyInAnyOrder(CHALK, "lists/npm.txt", "notes.xml");
            assertThat(initial).flatExtracting(FeedUpdate::entries).extracting(IocEntry::name)
                    .containsExactlyInAnyOrder("chalk", "debug");
            assertThat(initial).filteredOn(u -> u.type() == FeedUpdate.Type.DEAD_LETTER).singleElement()
                    .satisfies(u -> {
                        assertThat(u.deadLetter().reason()).startsWith("unknown feed file type");
                        assertThat(u.deadLetter().origin()).startsWith("feed topic feeds-").endsWith(" notes.xml");
                    });

            // later: the list is deleted (a tombstone) and a list with a new entry arrives
            kafka.produce(TOPIC, List.of(record("lists/npm.txt", null), record("lists/more.txt",
                    "@ctrl/tinycolor@4.1.1\n".getBytes())));
            List<FeedUpdate> live = new ArrayList<>();
            position = pollUntil(poller, position, live, out -> out.size() >= 2);
            assertThat(live).doesNotContain(FeedUpdate.initialLoadDone());
            assertThat(live).filteredOn(u -> "lists/npm.txt".equals(u.replaces())).singleElement()
                    .satisfies(u -> assertThat(u.size()).isZero());
            assertThat(live).flatExtracting(FeedUpdate::entries).extracting(IocEntry::name)
                    .containsExactly("@ctrl/tinycolor");
        }

        // a restore goes on from the position: nothing again, and no second announcement
        List<FeedUpdate> again = new ArrayList<>();
        try (FeedTopicPoller restored = new FeedTopicPoller(settings)) {
            for (int poll = 0; poll < 10; poll++) {
                position = apply(restored.poll(FeedTopicPosition.CODEC.copy(position)), position, again);
            }
        }
        assertThat(again).isEmpty();
    }

    /** Polls as the reader does until what was emitted satisfies {@code done}. */
    private static FeedTopicPosition pollUntil(FeedTopicPoller poller, FeedTopicPosition position,
            List<FeedUpdate> out, Predicate<List<FeedUpdate>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.test(out)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the feed topic gave only " + out);
            }
            position = apply(poller.poll(FeedTopicPosition.CODEC.copy(position)), position, out);
        }
        return position;
    }

    /** What the reader does with a poll: emits each chunk's records and moves the position. */
    private static FeedTopicPosition apply(Poll<FeedUpdate, FeedTopicPosition> poll, FeedTopicPosition position,
            List<FeedUpdate> out) {
        for (Poll.Chunk<FeedUpdate, FeedTopicPosition> chunk : poll.chunks()) {
            out.addAll(chunk.records());
            position = chunk.advance().apply(position);
        }
        return position;
    }

    private static Map.Entry<byte[], byte[]> record(String key, byte[] value) {
        return new AbstractMap.SimpleEntry<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }
}
