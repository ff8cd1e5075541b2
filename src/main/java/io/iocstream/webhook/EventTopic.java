package io.iocstream.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The job's input topic, written by an idempotent producer with {@code acks=all}: a write is done only when every
 * in-sync replica has it, and the producer's own retries never write it twice. Each record is keyed by repository
 * (one repository's events stay in order on one partition) and carries the delivery id and event name as headers,
 * which {@link DeliveryRecall} reads back. Every write is answered within the send timeout: blocked on metadata at
 * most that long, and failed by the producer if unacknowledged that long after.
 */
final class EventTopic implements AutoCloseable {

    private static final int LINGER_MS = 5;

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    EventTopic(String bootstrapServers, String topic, Duration sendTimeout) {
        this.topic = topic;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "iocstream-webhook");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(LINGER_MS));
        // pushes are JSON: lz4 shrinks them several times, which keeps large ones under the broker's record limit
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Long.toString(WebhookConfig.GITHUB_MAX_PAYLOAD_BYTES + 1024 * 1024));
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(3 * WebhookConfig.GITHUB_MAX_PAYLOAD_BYTES));
        long timeout = sendTimeout.toMillis();
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout - LINGER_MS));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
    }

    /** Writes {@code value} keyed by {@code repository}; completes once the broker acknowledged it, or failed. */
    CompletableFuture<RecordMetadata> write(String repository, byte[] value, String delivery, String event) {
        List<Header> headers = List.of(
                new RecordHeader(WebhookHandler.DELIVERY_HEADER, delivery.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(WebhookHandler.EVENT_HEADER, event.getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                repository.getBytes(StandardCharsets.UTF_8), value, headers);
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // no metadata within max.block.ms (the broker is unreachable), or a record the producer refuses at once
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
