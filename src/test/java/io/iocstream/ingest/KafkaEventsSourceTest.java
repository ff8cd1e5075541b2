package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A push record's value becomes the event line the ingest reads, decoded as strictly as the events file. */
class KafkaEventsSourceTest {

    private final List<String> lines = new ArrayList<>();
    private final Collector<String> out = new Collector<>() {
        @Override
        public void collect(String line) {
            lines.add(line);
        }

        @Override
        public void close() {}
    };

    @Test
    void aValueIsItsJsonText() throws Exception {
        read("{\"ref\":\"refs/heads/caf\u00e9\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(lines).containsExactly("{\"ref\":\"refs/heads/caf\u00e9\"}");
        assertThat(Utf8LineFormat.undecodable(lines.get(0))).isNull();
    }

    @Test
    void aByteThatIsNotUtf8IsKeptForTheIngestToRefuse() throws Exception {
        read(new byte[] {'{', '"', 'r', '"', ':', '"', (byte) 0xE9, '"', '}'});
        assertThat(Utf8LineFormat.undecodable(lines.get(0))).isEqualTo("byte 0xE9 at byte 7 of the line");
        assertThat(PushEventParser.parse(lines.get(0)).reason()).isEqualTo("not valid UTF-8: byte 0xE9 at byte 7 of the line");
    }

    @Test
    void aRecordWithoutValueIsAnEmptyLineTheIngestRefuses() throws Exception {
        read(null);
        assertThat(lines).containsExactly("");
        assertThat(PushEventParser.parse("").reason()).isEqualTo("empty line");
    }

    private void read(byte[] value) throws Exception {
        new KafkaEventsSource.EventRecords().deserialize(new ConsumerRecord<>("pushes", 0, 0L, null, value), out);
    }
}
