package io.iocstream.ingest;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Push events from a Kafka topic: each record's value is the JSON body of one webhook delivery (keyed by
 * repository, so one repository's pushes stay in order), handed to {@code IocStreamPipeline.build} as one raw event
 * line. Offsets are committed to the consumer group on every checkpoint; a job without state starts from the group's
 * committed offsets (the earliest where it has none) or from the earliest. It reads only committed records
 * ({@code read_committed}), so a transactional producer's aborted writes never become pushes.
 */
public final class KafkaEventsSource {

    private KafkaEventsSource() {}

    /** @param fromCommitted start from the group's committed offsets, else from the earliest */
    public static KafkaSource<String> create(String bootstrapServers, String topic, String groupId,
            boolean fromCommitted) {
        return KafkaSource.<String>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(fromCommitted ? OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)
                        : OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new EventRecords())
                .build();
    }

    /**
     * A record's value decoded as UTF-8 strictly, as the events file is read ({@link Utf8LineFormat}): a byte that is
     * not UTF-8 is kept escaped, so the ingest dead-letters the event instead of reading a changed ref name. A
     * record without a value becomes an empty line, which the ingest dead-letters too.
     */
    static final class EventRecords implements KafkaRecordDeserializationSchema<String> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) throws IOException {
            byte[] value = record.value();
            out.collect(value == null ? "" : Utf8LineFormat.decode(value, value.length));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
