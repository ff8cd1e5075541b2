package io.iocstream.match;

import java.util.List;
import io.iocstream.ingest.PushStamp;
import io.iocstream.changes.Trigger;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.InventoryUpdate;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link InventoryUpdate} in keyed state, while it waits for its scan or for the feeds: every record of a push is
 * written there once and read back once before it reaches the inventory.
 *
 * <p>Formats: 1 wrote the trigger and the file operation by their enum names (savepoints up to 2026-12-06); 2 writes
 * them as one-byte codes. Both hold facts of {@link FileFactsSerializer} format 1. 3 holds facts of format 2 and adds
 * who pushed and when ({@link PushStamp}). 4 holds facts of format 3 (a workflow's triggers) and adds what a repository
 * event said of its repository (the stamp's event and description).
 */
public final class InventoryUpdateSerializer extends ImmutableRecordSerializer<InventoryUpdate> {

    static final int CURRENT_FORMAT = 4;

    public static final InventoryUpdateSerializer INSTANCE = new InventoryUpdateSerializer(CURRENT_FORMAT);

    private static final EnumCodes<Trigger> TRIGGERS = EnumCodes.of(Trigger.class, Trigger.PUSH, Trigger.BASELINE,
            Trigger.RETRO_HUNT);
    private static final EnumCodes<FileOp> OPS = EnumCodes.of(FileOp.class, FileOp.CONTENT, FileOp.LISTED,
            FileOp.REMOVED, FileOp.SNAPSHOT, FileOp.REF_DELETED, FileOp.FAILED, FileOp.EMPTY, FileOp.REF_EXPIRED);

    private InventoryUpdateSerializer(int format) {
        super(format);
    }

    @Override
    protected int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    protected InventoryUpdateSerializer ofFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new InventoryUpdateSerializer(format);
    }

    @Override
    protected FormatSnapshot<InventoryUpdate> newSnapshot() {
        return new Snapshot();
    }

    @Override
    protected void write(InventoryUpdate update, DataOutputView target) throws IOException {
        writeString(update.repo(), target);
        writeString(update.ref(), target);
        writeString(update.commit(), target);
        writeString(update.path(), target);
        target.writeByte(TRIGGERS.code(update.trigger()));
        target.writeLong(update.seq());
        writeVarInt(update.scanSize(), target);
        target.writeByte(OPS.code(update.op()));
        target.writeBoolean(update.facts() != null);
        if (update.facts() != null) {
            FileFactsSerializer.writeFacts(update.facts(), target);
        }
        writeStrings(update.presentPaths(), target);
        writeStamp(update.pushed(), target);
    }

    /** Who pushed and when, then the repository event and description: five strings, each may be null. */
    static void writeStamp(PushStamp stamp, DataOutputView target) throws IOException {
        writeString(stamp.pusher(), target);
        writeString(stamp.sender(), target);
        writeString(stamp.pushedAt(), target);
        writeString(stamp.repositoryEvent(), target);
        writeString(stamp.description(), target);
    }

    /** A stamp as {@link #writeStamp} wrote it; {@code withRepository} false for one written before format 4. */
    static PushStamp readStamp(DataInputView source, boolean withRepository) throws IOException {
        PushStamp who = new PushStamp(readString(source), readString(source), readString(source));
        return withRepository ? new PushStamp(who.pusher(), who.sender(), who.pushedAt(), readString(source),
                readString(source)) : who;
    }

    @Override
    protected InventoryUpdate read(DataInputView source, int format) throws IOException {
        String repo = readString(source);
        String ref = readString(source);
        String commit = readString(source);
        String path = readString(source);
        Trigger trigger = format == 1 ? Trigger.valueOf(readString(source)) : TRIGGERS.of(source.readUnsignedByte());
        long seq = source.readLong();
        int scanSize = readVarInt(source);
        FileOp op = format == 1 ? FileOp.valueOf(readString(source)) : OPS.of(source.readUnsignedByte());
        var facts = source.readBoolean()
                ? FileFactsSerializer.readFacts(source, FileFactsSerializer.factsFormat(format, 3, 4)) : null;
        List<String> present = readStrings(source);
        PushStamp pushed = format >= 3 ? readStamp(source, format >= 4) : PushStamp.NONE;
        return new InventoryUpdate(repo, ref, commit, path, trigger, seq, scanSize, op, facts, present, pushed);
    }

    /** Restores the serializer from a checkpoint: the format its state was written in. */
    public static final class Snapshot extends FormatSnapshot<InventoryUpdate> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
