package io.iocstream.findings;

import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Findings, dead letters and scan records to Kafka, exactly once: each checkpoint commits one Kafka transaction, so a consumer
 * with {@code isolation.level=read_committed} sees every record once, and only after the checkpoint that wrote it.
 * A finding's key is its {@code finding_id} (a compacted topic keeps each finding's latest status); the value is its
 * JSON as the replay writes it. Dead letters are JSON without a key.
 *
 * <p>The transactional id prefix must be stable across restarts of the job (a restart aborts what its prefix left
 * open) and unique among the jobs writing to the cluster. The transaction timeout must not exceed the broker's
 * {@code transaction.max.timeout.ms} (15 minutes on a stock broker; the sink's own default of an hour fails there).
 */
public final class KafkaOutputs {

    private KafkaOutputs() {}

    public static KafkaSink<Finding> findings(String bootstrapServers, String topic, String transactionalIdPrefix,
            Duration transactionTimeout) {
        return sink(bootstrapServers, transactionalIdPrefix + "-findings", transactionTimeout,
                KafkaRecordSerializationSchema.<Finding>builder().setTopic(topic)
                        .setKeySerializationSchema(new FindingId()).setValueSerializationSchema(new Json<>()).build());
    }

    public static KafkaSink<DeadLetter> deadLetters(String bootstrapServers, String topic,
            String transactionalIdPrefix, Duration transactionTimeout) {
        return sink(bootstrapServers, transactionalIdPrefix + "-dead-letters", transactionTimeout,
                KafkaRecordSerializationSchema.<DeadLetter>builder().setTopic(topic)
                        .setValueSerializationSchema(new Json<>()).build());
    }

    /** Scan records, keyed by {@code repo ref} so that one ref's scans stay in order in one partition. */
    public static KafkaSink<ScanRecord> scans(String bootstrapServers, String topic, String transactionalIdPrefix,
            Duration transactionTimeout) {
        return sink(bootstrapServers, transactionalIdPrefix + "-scans", transactionTimeout,
                KafkaRecordSerializationSchema.<ScanRecord>builder().setTopic(topic)
                        .setKeySerializationSchema(new ScanRef()).setValueSerializationSchema(new Json<>()).build());
    }

    private static <T> KafkaSink<T> sink(String bootstrapServers, String transactionalIdPrefix,
            Duration transactionTimeout, KafkaRecordSerializationSchema<T> records) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", String.valueOf(transactionTimeout.toMillis()))
                .setRecordSerializer(records)
                .build();
    }

    /** A finding's key: its id, so that every status of one finding lands in one partition, in order. */
    static final class FindingId implements SerializationSchema<Finding> {
        @Override
        public byte[] serialize(Finding finding) {
            return finding.findingId().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A scan record's key: its repository and ref. */
    static final class ScanRef implements SerializationSchema<ScanRecord> {
        @Override
        public byte[] serialize(ScanRecord scan) {
            return (scan.repo() + " " + scan.ref()).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A record's value: its JSON line. */
    static final class Json<T> implements SerializationSchema<T> {
        @Override
        public byte[] serialize(T record) {
            return JsonLines.bytes(record);
        }
    }
}
