package io.iocstream.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Splits in reader checkpoints, and the enumerator's unassigned splits, through the position's codec. */
final class PollingSplitSerializer<P> implements SimpleVersionedSerializer<PollingSplit<P>> {

    private static final int VERSION = 1;

    private final PositionCodec<P> codec;

    PollingSplitSerializer(PositionCodec<P> codec) {
        this.codec = codec;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(PollingSplit<P> split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public PollingSplit<P> deserialize(int version, byte[] bytes) throws IOException {
        checkVersion(version);
        return read(new DataInputDeserializer(bytes));
    }

    void write(PollingSplit<P> split, DataOutputView out) throws IOException {
        out.writeUTF(split.splitId());
        codec.write(split.position(), out);
    }

    PollingSplit<P> read(DataInputView in) throws IOException {
        return new PollingSplit<>(in.readUTF(), codec.read(in));
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown polling split version " + version);
        }
    }

    /** The enumerator's checkpoint: the splits no reader holds. */
    static final class Pending<P> implements SimpleVersionedSerializer<List<PollingSplit<P>>> {

        private final PollingSplitSerializer<P> splits;

        Pending(PositionCodec<P> codec) {
            this.splits = new PollingSplitSerializer<>(codec);
        }

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(List<PollingSplit<P>> pending) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeInt(pending.size());
            for (PollingSplit<P> split : pending) {
                splits.write(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<PollingSplit<P>> deserialize(int version, byte[] bytes) throws IOException {
            checkVersion(version);
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int count = in.readInt();
            List<PollingSplit<P>> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                pending.add(splits.read(in));
            }
            return pending;
        }
    }
}
