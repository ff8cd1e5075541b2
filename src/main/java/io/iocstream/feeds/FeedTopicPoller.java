package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import io.iocstream.source.Poll;
import io.iocstream.source.Poller;
import io.iocstream.source.PollerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the feed topic: every record since the position, each a chunk of the feed updates its file gives, and
 * a last chunk that moves the position to where the consumer now is (past transaction markers) and, once every
 * partition has reached the end offsets the topic had at the first start, announces the initial load. It reads with
 * its own assigned partitions and no consumer group: the position lives in Flink's checkpoints.
 */
final class FeedTopicPoller implements Poller<FeedUpdate, FeedTopicPosition> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedTopicPoller.class);

    private final FeedTopicSource.Settings settings;
    private KafkaConsumer<byte[], byte[]> consumer;
    private List<TopicPartition> partitions;
    /** Whether the consumer stands at the position; after a failed poll it is placed there again. */
    private boolean placed;
    /** Entries and indicators the initial load brought, for the warning of a load without any. */
    private long initialEntries;

    FeedTopicPoller(FeedTopicSource.Settings settings) {
        this.settings = settings;
    }

    @Override
    public Poll<FeedUpdate, FeedTopicPosition> poll(FeedTopicPosition position) throws IOException,
            InterruptedException {
        try {
            return pollTopic(position);
        } catch (InterruptException e) {
            throw new InterruptedException("feed topic poll interrupted");
        } catch (KafkaException e) {
            // an outage: the position is unchanged, and the next poll places the consumer there again
            placed = false;
            throw new IOException("feed topic " + settings.topic() + ": " + e.getMessage(), e);
        }
    }

    private Poll<FeedUpdate, FeedTopicPosition> pollTopic(FeedTopicPosition position) throws IOException {
        List<Poll.Chunk<FeedUpdate, FeedTopicPosition>> chunks = new ArrayList<>();
        if (consumer == null) {
            consumer = new KafkaConsumer<>(properties());
        }
        if (partitions == null) {
            partitions = partitions();
            consumer.assign(partitions);
        }
        Map<Integer, Long> loadEnd = position.loadEnd();
        if (loadEnd == null) {
            Map<Integer, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(partition.partition(), end));
            chunks.add(new Poll.Chunk<>(List.of(), p -> p.loadingUntil(ends)));
            loadEnd = ends;
        }
        if (!placed) {
            for (TopicPartition partition : partitions) {
                Long offset = position.offset(partition.partition());
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset);
                }
            }
            placed = true;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(settings.pollTimeout())) {
            List<FeedUpdate> updates = updates(record);
            if (!position.initialLoadAnnounced()) {
                initialEntries += updates.stream().mapToLong(FeedUpdate::size).sum();
            }
            int partition = record.partition();
            long next = record.offset() + 1;
            chunks.add(new Poll.Chunk<>(updates, p -> p.at(partition, next)));
        }
        Map<Integer, Long> now = new HashMap<>();
        boolean loaded = true;
        for (TopicPartition partition : partitions) {
            long at = consumer.position(partition);
            now.put(partition.partition(), at);
            loaded &= at >= loadEnd.getOrDefault(partition.partition(), 0L);
        }
        boolean announce = loaded && !position.initialLoadAnnounced();
        if (announce && initialEntries == 0) {
            LOG.warn("No IOC entries loaded from feed topic {}: nothing can match, so every push passes as clean "
                    + "until feeds arrive", settings.topic());
        }
        chunks.add(new Poll.Chunk<>(announce ? List.of(FeedUpdate.initialLoadDone()) : List.of(), p -> {
            now.forEach(p::at);
            return announce ? p.announced() : p;
        }));
        // the consumer's poll waited for records already
        return new Poll<>(chunks, Duration.ZERO);
    }

    /** What one record gives: the entries of its feed file replacing the file's earlier ones, or its deletion. */
    private List<FeedUpdate> updates(ConsumerRecord<byte[], byte[]> record) {
        String where = "feed topic " + record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.key() == null) {
            String raw = record.value() == null ? "" : new String(record.value(), 0,
                    Math.min(record.value().length, 2048), StandardCharsets.UTF_8);
            return List.of(FeedUpdate.deadLetter(new DeadLetter("feed", where,
                    "feed topic record without a key (the key names the feed file)", raw)));
        }
        String feed = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            // a tombstone: an empty read that replaces the file withdraws all it held
            return FeedUpdate.of(FeedDirectory.Result.empty(), false, feed);
        }
        return FeedUpdate.of(FeedDirectory.read(feed, record.value(), where + " " + feed), false, feed);
    }

    private List<TopicPartition> partitions() throws IOException {
        List<PartitionInfo> infos = consumer.partitionsFor(settings.topic());
        if (infos == null || infos.isEmpty()) {
            throw new IOException("feed topic " + settings.topic() + " not found");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "iocstream-feed-topic");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    @Override
    public Duration afterFailure() {
        return Duration.ofSeconds(5);
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }

    /** Builds the poller where the source runs. */
    record Factory(FeedTopicSource.Settings settings) implements PollerFactory<FeedUpdate, FeedTopicPosition> {
        @Override
        public Poller<FeedUpdate, FeedTopicPosition> create() {
            return new FeedTopicPoller(settings);
        }
    }
}
