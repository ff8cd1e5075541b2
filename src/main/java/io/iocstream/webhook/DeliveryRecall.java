package io.iocstream.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link DeliveryLedger} in step with the topic: reads the delivery id header of every record written in the
 * last window, first from the window's start (so a restarted receiver remembers what it stored before), then as
 * records arrive (so a replica sees what the others stored, and a write whose acknowledgement was lost but which
 * landed is known as stored). One thread and one consumer without a group; it reads record headers only.
 */
final class DeliveryRecall implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecall.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final String bootstrapServers;
    private final String topic;
    private final Duration window;
    private final DeliveryLedger ledger;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean closed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    DeliveryRecall(String bootstrapServers, String topic, Duration window, DeliveryLedger ledger, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.window = window;
        this.ledger = ledger;
        this.clock = clock;
        this.thread = new Thread(this::run, "webhook-delivery-recall");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the records of the window as they were at start have been read. */
    boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (!closed) {
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(properties())) {
                consumer = reader;
                if (closed) {
                    return;
                }
                follow(reader);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("reading delivery ids from {} failed, again in {} s: {}", topic, RETRY.toSeconds(),
                        e.toString());
                sleep();
            }
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> reader) {
        List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions (not created yet?)");
        }
        reader.assign(partitions);
        long since = clock.millis() - window.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = reader.offsetsForTimes(times, Duration.ofSeconds(10));
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(10));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            reader.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        while (!closed) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                Header delivery = record.headers().lastHeader(WebhookHandler.DELIVERY_HEADER);
                if (delivery != null) {
                    ledger.stored(new String(delivery.value(), StandardCharsets.UTF_8),
                            java.time.Instant.ofEpochMilli(record.timestamp()));
                }
            }
            if (!caughtUp && partitions.stream().allMatch(p -> reader.position(p) >= ends.get(p))) {
                caughtUp = true;
                LOG.info("recalled the delivery ids of the last {} from {}: {} remembered", window, topic,
                        ledger.size());
            }
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "iocstream-webhook-recall");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        KafkaConsumer<byte[], byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        thread.interrupt();
        thread.join(10_000);
    }
}
