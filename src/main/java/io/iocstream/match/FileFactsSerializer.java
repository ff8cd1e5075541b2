package io.iocstream.match;

import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link FileFacts} in keyed state, compactly: the file's ecosystems are written once and each dependency names
 * its ecosystem by index, so a lockfile's hundreds of dependencies cost a name and a version each. Reading every
 * inventory is what a retro hunt on RocksDB spends its time on.
 *
 * <p>Formats: 1, the only one so far. {@link PathStateSerializer} and {@link InventoryUpdateSerializer} write facts
 * inside their own records, so a new format here is a new format of theirs too, which says which facts format it
 * holds.
 */
public final class FileFactsSerializer extends ImmutableRecordSerializer<FileFacts> {

    static final int CURRENT_FORMAT = 1;

    public static final FileFactsSerializer INSTANCE = new FileFactsSerializer(CURRENT_FORMAT);

    private FileFactsSerializer(int format) {
        super(format);
    }

    @Override
    protected int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    protected FileFactsSerializer ofFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new FileFactsSerializer(format);
    }

    @Override
    protected FormatSnapshot<FileFacts> newSnapshot() {
        return new Snapshot();
    }

    @Override
    protected void write(FileFacts facts, DataOutputView target) throws IOException {
        writeFacts(facts, target);
    }

    @Override
    protected FileFacts read(DataInputView source, int format) throws IOException {
        return readFacts(source, format);
    }

    /** Writes facts in the newest format, inside another record. */
    static void writeFacts(FileFacts facts, DataOutputView target) throws IOException {
        List<String> ecosystems = new ArrayList<>(1);
        for (Dependency dep : facts.dependencies()) {
            if (!ecosystems.contains(dep.ecosystem())) {
                ecosystems.add(dep.ecosystem());
            }
        }
        writeStrings(ecosystems, target);
        writeVarInt(facts.dependencies().size(), target);
        for (Dependency dep : facts.dependencies()) {
            writeVarInt(ecosystems.indexOf(dep.ecosystem()), target);
            writeString(dep.name(), target);
            writeString(dep.version(), target);
        }
        writeString(facts.sha256(), target);
        writeStrings(facts.hosts(), target);
        writeStrings(facts.workflowValues(), target);
        writeVarInt(facts.skippedEntries(), target);
    }

    /** Reads facts written in {@code format}, inside another record. */
    static FileFacts readFacts(DataInputView source, int format) throws IOException {
        List<String> ecosystems = readStrings(source);
        Dependency[] dependencies = new Dependency[readVarInt(source)];
        for (int i = 0; i < dependencies.length; i++) {
            String ecosystem = ecosystems.get(readVarInt(source));
            dependencies[i] = new Dependency(ecosystem, readString(source), readString(source));
        }
        return new FileFacts(Arrays.asList(dependencies), readString(source), readStrings(source),
                readStrings(source), readVarInt(source));
    }

    /** Restores the serializer from a checkpoint: the format its state was written in. */
    public static final class Snapshot extends FormatSnapshot<FileFacts> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
