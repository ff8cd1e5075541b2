package io.iocstream.feeds;

import io.iocstream.source.PollingSource;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * IOC feeds published to a compacted Kafka topic, so that every running job gets them without a shared disk: a
 * record's key is a feed file's name (as under a feed directory: {@code osv/MAL-2025-46969.json}, {@code
 * shai-hulud.txt}), its value the file's bytes, read as a feed directory reads that file; a record without a value (a
 * tombstone) deletes the file and withdraws its entries. An unbounded source of {@link FeedUpdate}s: first the
 * topic's content up to its end offsets when the job first started, then {@link FeedUpdate#initialLoadDone()}, then
 * each later record as a live update (its new entries are retro-hunted). Offsets are checkpointed split state.
 */
public final class FeedTopicSource {

    private FeedTopicSource() {}

    /**
     * Which topic and how long one poll of it waits for records.
     *
     * @param bootstrapServers the Kafka cluster
     * @param topic            the compacted feed topic
     * @param pollTimeout      how long one poll waits for records when there are none
     */
    public record Settings(String bootstrapServers, String topic, Duration pollTimeout) implements Serializable {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(pollTimeout, "pollTimeout");
        }

        public static Settings of(String bootstrapServers, String topic) {
            return new Settings(bootstrapServers, topic, Duration.ofSeconds(1));
        }
    }

    public static PollingSource<FeedUpdate, FeedTopicPosition> create(Settings settings) {
        return new PollingSource<>("feed-topic-" + settings.topic(), TypeInformation.of(FeedUpdate.class),
                new FeedTopicPoller.Factory(settings), FeedTopicPosition::new, FeedTopicPosition.CODEC);
    }
}
