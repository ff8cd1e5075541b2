package io.iocstream.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes event lines to the job's input topic ({@code sources.kafka.topic}) the way a webhook receiver does: keyed
 * by repository, so that a repository's records stay in order on one partition, with an idempotent producer
 * ({@code acks=all}), so that a retried send is never written twice. {@link #close()} returns once the broker has
 * acknowledged every record, or throws.
 */
public final class InputTopicWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    public InputTopicWriter(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "iocstream-input-writer");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends {@code line}, keyed by {@code repository}. */
    public void send(String repository, String line) {
        sent.add(producer.send(new ProducerRecord<>(topic, repository.getBytes(StandardCharsets.UTF_8),
                line.getBytes(StandardCharsets.UTF_8))));
    }

    /** Records sent so far. */
    public int sent() {
        return sent.size();
    }

    /** Waits for the broker to acknowledge every record sent; the first that failed is thrown. */
    @Override
    public void close() throws ExecutionException, InterruptedException {
        try {
            producer.flush();
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        } finally {
            producer.close();
        }
    }
}
