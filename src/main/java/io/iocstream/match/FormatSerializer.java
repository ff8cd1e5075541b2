package io.iocstream.match;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written state serializer whose bytes have numbered formats. It writes the newest format and reads every
 * earlier one; the format is not in each record but in the serializer's snapshot ({@link FormatSnapshot}), which
 * Flink keeps beside the state in every checkpoint and savepoint. On restore, state of an earlier format is
 * "compatible after migration": Flink reads it with a serializer of that format ({@link #ofFormat}) and writes it
 * again in the newest, so a format is read only while a restore migrates it. A new format: add its number, write it,
 * keep reading the earlier ones, and add their bytes to {@code StateFormatsTest}.
 */
public abstract class FormatSerializer<T> extends TypeSerializer<T> {

    private final int format;

    protected FormatSerializer(int format) {
        if (format < 1 || format > currentFormat()) {
            throw new IllegalStateException(getClass().getSimpleName() + " state of format " + format
                    + " cannot be read: this build reads formats 1 to " + currentFormat()
                    + "; restore it with the build that wrote it or a newer one");
        }
        this.format = format;
    }

    /** The format this build writes. */
    protected abstract int currentFormat();

    /** The serializer that reads {@code format} (the newest also writes it). */
    protected abstract FormatSerializer<T> ofFormat(int format);

    /** The snapshot that records {@code format}; a fresh one, as Flink may read into it. */
    protected abstract FormatSnapshot<T> newSnapshot();

    /** Writes {@code value} in the newest format. */
    protected abstract void write(T value, DataOutputView target) throws IOException;

    /** Reads a value written in {@code format}. */
    protected abstract T read(DataInputView source, int format) throws IOException;

    /** The format this serializer reads. */
    public final int format() {
        return format;
    }

    @Override
    public final void serialize(T value, DataOutputView target) throws IOException {
        if (format != currentFormat()) {
            // only a restore reads an earlier format, and Flink writes what it read with the newest serializer
            throw new IllegalStateException(getClass().getSimpleName() + " format " + format + " is only read");
        }
        write(value, target);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        return read(source, format);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        ofFormat(currentFormat()).serialize(deserialize(source), target);
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this; // no mutable fields
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final TypeSerializerSnapshot<T> snapshotConfiguration() {
        FormatSnapshot<T> snapshot = newSnapshot();
        snapshot.format = format;
        return snapshot;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((FormatSerializer<?>) other).format == format;
    }

    @Override
    public final int hashCode() {
        return 31 * getClass().hashCode() + format;
    }

    /**
     * The snapshot of a {@link FormatSerializer}: the format of the state written beside it. Before formats were
     * numbered these serializers had Flink's {@code SimpleTypeSerializerSnapshot}, which wrote its version 3 and
     * nothing else, under the same class name: that is format 1.
     */
    public abstract static class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {

        /** {@code SimpleTypeSerializerSnapshot}'s version, which every snapshot before numbered formats wrote. */
        private static final int UNNUMBERED = 3;
        private static final int NUMBERED = 4;

        private final FormatSerializer<T> newest;
        private int format;

        protected FormatSnapshot(FormatSerializer<T> newest) {
            this.newest = newest;
            this.format = newest.currentFormat();
        }

        /** The format of the state this snapshot describes. */
        public int format() {
            return format;
        }

        @Override
        public int getCurrentVersion() {
            return NUMBERED;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(format);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            format = switch (readVersion) {
                case UNNUMBERED -> 1;
                case NUMBERED -> in.readInt();
                default -> throw new IOException("unknown snapshot version " + readVersion + " of "
                        + newest.getClass().getSimpleName());
            };
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return newest.ofFormat(format);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old.getClass() != getClass()) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            int oldFormat = ((FormatSnapshot<T>) old).format;
            if (oldFormat == format) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return oldFormat >= 1 && oldFormat < format ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
