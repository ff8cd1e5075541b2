package io.iocstream.match;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A hand-written serializer of an immutable record kept in keyed state: a copy is the record itself, and only
 * {@link #serialize} and {@link #deserialize} are left to write. Strings are written as Flink writes them
 * ({@link StringValue}: a varint length, then mostly one byte a character), null allowed; counts and indexes as
 * varints, one byte below 128.
 */
public abstract class ImmutableRecordSerializer<T> extends TypeSerializerSingleton<T> {

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    static void writeString(String value, DataOutputView target) throws IOException {
        StringValue.writeString(value, target);
    }

    static String readString(DataInputView source) throws IOException {
        return StringValue.readString(source);
    }

    static void writeStrings(List<String> values, DataOutputView target) throws IOException {
        writeVarInt(values.size(), target);
        for (String value : values) {
            writeString(value, target);
        }
    }

    static List<String> readStrings(DataInputView source) throws IOException {
        String[] values = new String[readVarInt(source)];
        for (int i = 0; i < values.length; i++) {
            values[i] = readString(source);
        }
        return Arrays.asList(values);
    }

    static void writeVarInt(int value, DataOutputView target) throws IOException {
        while ((value & ~0x7f) != 0) {
            target.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        target.writeByte(value);
    }

    static int readVarInt(DataInputView source) throws IOException {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = source.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
    }
}
