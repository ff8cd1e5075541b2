package io.iocstream.match;

import io.iocstream.feeds.Advisory;
import io.iocstream.ingest.PushStamp;
import io.iocstream.feeds.Severity;
import io.iocstream.parse.Dependency;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link PathState} in keyed state: the facts through {@link FileFactsSerializer}, then the open hits.
 *
 * <p>Formats: 1 wrote a hit's kind and severity as the words findings write (savepoints up to 2026-12-06); 2 writes
 * them as one-byte codes. Both hold facts of {@link FileFactsSerializer} format 1. 3 holds facts of format 2, a hit's
 * dependency with its place, the feed and what it says (feed file, summary, aliases, references), and who pushed the
 * path's change and when. 4 holds facts of format 3 (a workflow's triggers), a stamp with what a repository event said
 * of its repository, and the finding kind {@code repository}.
 */
public final class PathStateSerializer extends ImmutableRecordSerializer<PathState> {

    static final int CURRENT_FORMAT = 4;

    public static final PathStateSerializer INSTANCE = new PathStateSerializer(CURRENT_FORMAT);

    private static final EnumCodes<FindingKind> KINDS = EnumCodes.of(FindingKind.class, FindingKind.PACKAGE,
            FindingKind.FILE_HASH, FindingKind.FILE_NAME, FindingKind.DOMAIN, FindingKind.WORKFLOW,
            FindingKind.ACTION, FindingKind.REF, FindingKind.REPOSITORY);
    private static final EnumCodes<Severity> SEVERITIES = EnumCodes.of(Severity.class, Severity.CRITICAL,
            Severity.HIGH, Severity.MEDIUM, Severity.LOW);

    private PathStateSerializer(int format) {
        super(format);
    }

    @Override
    protected int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    protected PathStateSerializer ofFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new PathStateSerializer(format);
    }

    @Override
    protected FormatSnapshot<PathState> newSnapshot() {
        return new Snapshot();
    }

    @Override
    protected void write(PathState state, DataOutputView target) throws IOException {
        target.writeLong(state.seq());
        writeString(state.commit(), target);
        target.writeBoolean(state.present());
        if (state.present()) {
            FileFactsSerializer.writeFacts(state.facts(), target);
        }
        writeVarInt(state.open().size(), target);
        for (Map.Entry<String, Hit> open : state.open().entrySet()) {
            writeString(open.getKey(), target);
            writeHit(open.getValue(), target);
        }
        InventoryUpdateSerializer.writeStamp(state.pushed(), target);
    }

    @Override
    protected PathState read(DataInputView source, int format) throws IOException {
        long seq = source.readLong();
        String commit = readString(source);
        var facts = source.readBoolean()
                ? FileFactsSerializer.readFacts(source, FileFactsSerializer.factsFormat(format, 3, 4)) : null;
        int count = readVarInt(source);
        Map<String, Hit> open = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            open.put(readString(source), readHit(source, format));
        }
        PushStamp pushed = format >= 3 ? InventoryUpdateSerializer.readStamp(source, format >= 4) : PushStamp.NONE;
        return new PathState(seq, commit, facts, open, pushed);
    }

    private static void writeHit(Hit hit, DataOutputView target) throws IOException {
        target.writeByte(KINDS.code(hit.kind()));
        target.writeBoolean(hit.dependency() != null);
        if (hit.dependency() != null) {
            writeString(hit.dependency().ecosystem(), target);
            writeString(hit.dependency().name(), target);
            writeString(hit.dependency().version(), target);
            FileFactsSerializer.writePlace(hit.dependency(), target);
        }
        writeString(hit.indicator(), target);
        writeStrings(hit.iocIds(), target);
        target.writeByte(SEVERITIES.code(hit.severity()));
        writeString(hit.feed(), target);
        writeString(hit.advisory().summary(), target);
        writeStrings(hit.advisory().aliases(), target);
        writeStrings(hit.advisory().references(), target);
        writeVarInt(hit.line(), target);
    }

    private static Hit readHit(DataInputView source, int format) throws IOException {
        FindingKind kind = format == 1 ? FindingKind.ofWire(readString(source)) : KINDS.of(source.readUnsignedByte());
        Dependency dependency = source.readBoolean()
                ? new Dependency(readString(source), readString(source), readString(source)) : null;
        if (dependency != null && format >= 3) {
            dependency = FileFactsSerializer.readPlace(dependency, source);
        }
        String indicator = readString(source);
        var iocIds = readStrings(source);
        Severity severity = format == 1 ? Severity.ofWire(readString(source)) : SEVERITIES.of(source.readUnsignedByte());
        if (format < 3) {
            return new Hit(kind, dependency, indicator, iocIds, severity);
        }
        String feed = readString(source);
        Advisory advisory = new Advisory(readString(source), readStrings(source), readStrings(source));
        return new Hit(kind, dependency, indicator, iocIds, severity, advisory, feed, readVarInt(source));
    }

    /** Restores the serializer from a checkpoint: the format its state was written in. */
    public static final class Snapshot extends FormatSnapshot<PathState> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
