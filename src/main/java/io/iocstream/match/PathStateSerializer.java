package io.iocstream.match;

import io.iocstream.feeds.Severity;
import io.iocstream.parse.Dependency;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link PathState} in keyed state: the facts through {@link FileFactsSerializer}, then the open hits, their kind and
 * severity as the words findings write (the format of every savepoint so far).
 */
public final class PathStateSerializer extends ImmutableRecordSerializer<PathState> {

    public static final PathStateSerializer INSTANCE = new PathStateSerializer();

    @Override
    public void serialize(PathState state, DataOutputView target) throws IOException {
        target.writeLong(state.seq());
        writeString(state.commit(), target);
        target.writeBoolean(state.present());
        if (state.present()) {
            FileFactsSerializer.INSTANCE.serialize(state.facts(), target);
        }
        writeVarInt(state.open().size(), target);
        for (Map.Entry<String, Hit> open : state.open().entrySet()) {
            writeString(open.getKey(), target);
            writeHit(open.getValue(), target);
        }
    }

    @Override
    public PathState deserialize(DataInputView source) throws IOException {
        long seq = source.readLong();
        String commit = readString(source);
        var facts = source.readBoolean() ? FileFactsSerializer.INSTANCE.deserialize(source) : null;
        int count = readVarInt(source);
        Map<String, Hit> open = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            open.put(readString(source), readHit(source));
        }
        return new PathState(seq, commit, facts, open);
    }

    private static void writeHit(Hit hit, DataOutputView target) throws IOException {
        writeString(hit.kind().wire(), target);
        target.writeBoolean(hit.dependency() != null);
        if (hit.dependency() != null) {
            writeString(hit.dependency().ecosystem(), target);
            writeString(hit.dependency().name(), target);
            writeString(hit.dependency().version(), target);
        }
        writeString(hit.indicator(), target);
        writeStrings(hit.iocIds(), target);
        writeString(hit.severity().wire(), target);
    }

    private static Hit readHit(DataInputView source) throws IOException {
        FindingKind kind = FindingKind.ofWire(readString(source));
        Dependency dependency = source.readBoolean()
                ? new Dependency(readString(source), readString(source), readString(source)) : null;
        return new Hit(kind, dependency, readString(source), readStrings(source),
                Severity.ofWire(readString(source)));
    }

    @Override
    public TypeSerializerSnapshot<PathState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint; the format has one version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PathState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
