package io.iocstream.source;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Writes a poll position into checkpoints and reads it back; explicit, so state survives class changes. */
public interface PositionCodec<P> extends Serializable {

    void write(P position, DataOutputView out) throws IOException;

    P read(DataInputView in) throws IOException;

    /** An independent copy, through the codec itself: what a checkpoint would restore. */
    default P copy(P position) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            write(position, out);
            return read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("a position that cannot be copied cannot be checkpointed", e);
        }
    }
}
