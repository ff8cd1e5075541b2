package io.iocstream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The records between the alert operators travel as Flink POJOs (records), not through Kryo, and round-trip. */
class AlertTypesTest {

    @Test
    void routedFindingsAndAlertsAreFlinkPojosThatRoundTrip() throws Exception {
        Alert alert = new Alert("pager", AlertKind.RETRO_HUNT_GROUP, false, "iocstream:retro-hunt:X", 2,
                List.of("{\"finding_id\":\"a\"}", "{\"finding_id\":\"b\"}"));
        RoutedFinding routed = new RoutedFinding("pager", "a", true, "push", "MAL-1", "{}");

        assertThat(roundTrip(TypeInformation.of(Alert.class), alert)).isEqualTo(alert);
        assertThat(roundTrip(TypeInformation.of(RoutedFinding.class), routed)).isEqualTo(routed);
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        T copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(serializer.copy(value)).isEqualTo(value);
        return copy;
    }
}
