package io.iocstream.match;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer of an immutable record kept in keyed state: a copy is the record itself, and only
 * the formats are left to write and read ({@link FormatSerializer}). Strings are written as UTF-8 after a varint
 * header (UTF-16 when they hold a lone surrogate), null allowed; counts and indexes as varints, one byte below 128.
 */
public abstract class ImmutableRecordSerializer<T> extends FormatSerializer<T> {

    protected ImmutableRecordSerializer(int format) {
        super(format);
    }

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

    static void writeString(String value, DataOutputView target) throws IOException {
        if (value == null) {
            writeVarInt(0, target);
        } else if (hasSurrogate(value)) {
            // UTF-8 cannot carry a lone surrogate, which a JSON escape can produce: these go as UTF-16
            writeVarInt(2 * value.length() + 2, target);
            target.writeChars(value);
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeVarInt(2 * utf8.length + 1, target);
            target.write(utf8);
        }
    }

    static String readString(DataInputView source) throws IOException {
        int header = readVarInt(source);
        if (header == 0) {
            return null;
        }
        if (header % 2 == 0) {
            char[] utf16 = new char[header / 2 - 1];
            for (int i = 0; i < utf16.length; i++) {
                utf16[i] = source.readChar();
            }
            return new String(utf16);
        }
        byte[] utf8 = new byte[header / 2];
        source.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static boolean hasSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
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
