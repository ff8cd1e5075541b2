package io.iocstream.match;

import io.iocstream.changes.Trigger;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.InventoryUpdate;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link InventoryUpdate} in keyed state, while it waits for its scan or for the feeds: every record of a push is
 * written there once and read back once before it reaches the inventory. Enums are written by name.
 */
public final class InventoryUpdateSerializer extends ImmutableRecordSerializer<InventoryUpdate> {

    public static final InventoryUpdateSerializer INSTANCE = new InventoryUpdateSerializer();

    @Override
    public void serialize(InventoryUpdate update, DataOutputView target) throws IOException {
        writeString(update.repo(), target);
        writeString(update.ref(), target);
        writeString(update.commit(), target);
        writeString(update.path(), target);
        writeString(update.trigger().name(), target);
        target.writeLong(update.seq());
        writeVarInt(update.scanSize(), target);
        writeString(update.op().name(), target);
        target.writeBoolean(update.facts() != null);
        if (update.facts() != null) {
            FileFactsSerializer.INSTANCE.serialize(update.facts(), target);
        }
        writeStrings(update.presentPaths(), target);
    }

    @Override
    public InventoryUpdate deserialize(DataInputView source) throws IOException {
        return new InventoryUpdate(readString(source), readString(source), readString(source), readString(source),
                Trigger.valueOf(readString(source)), source.readLong(), readVarInt(source),
                FileOp.valueOf(readString(source)),
                source.readBoolean() ? FileFactsSerializer.INSTANCE.deserialize(source) : null,
                readStrings(source));
    }

    @Override
    public TypeSerializerSnapshot<InventoryUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint; the format has one version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<InventoryUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
