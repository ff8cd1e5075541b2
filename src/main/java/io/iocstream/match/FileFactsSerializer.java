package io.iocstream.match;

import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link FileFacts} in keyed state, compactly: the file's ecosystems are written once and each dependency names
 * its ecosystem by index, so a lockfile's hundreds of dependencies cost a name and a version each. Reading every
 * inventory is what a retro hunt on RocksDB spends its time on.
 *
 * <p>Formats: 1 wrote a dependency's ecosystem, name and version (savepoints up to 2026-12-06); 2 adds where the
 * file names it (its line, and one byte for its scope and relationship) and the first line of each host and
 * workflow value; 3 adds a workflow's trigger events (their lines sit with the others). {@link PathStateSerializer} and
 * {@link InventoryUpdateSerializer} write facts inside their own records, so a new format here is a new format of
 * theirs too, which says which facts format it holds.
 */
public final class FileFactsSerializer extends ImmutableRecordSerializer<FileFacts> {

    static final int CURRENT_FORMAT = 3;

    /** A dependency's scope and relationship as codes: the index in these lists, 0 for not told. */
    private static final List<String> SCOPES = Arrays.asList(null, Dependency.RUNTIME, Dependency.DEV,
            Dependency.OPTIONAL);
    private static final List<String> RELATIONSHIPS = Arrays.asList(null, Dependency.DIRECT, Dependency.TRANSITIVE);

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
            writePlace(dep, target);
        }
        writeString(facts.sha256(), target);
        writeStrings(facts.hosts(), target);
        writeStrings(facts.workflowValues(), target);
        writeVarInt(facts.skippedEntries(), target);
        writeVarInt(facts.lines().size(), target);
        for (Map.Entry<String, Integer> line : facts.lines().entrySet()) {
            writeString(line.getKey(), target);
            writeVarInt(line.getValue(), target);
        }
        writeStrings(facts.workflowTriggers(), target);
    }

    /** Reads facts written in {@code format}, inside another record. */
    static FileFacts readFacts(DataInputView source, int format) throws IOException {
        List<String> ecosystems = readStrings(source);
        Dependency[] dependencies = new Dependency[readVarInt(source)];
        for (int i = 0; i < dependencies.length; i++) {
            String ecosystem = ecosystems.get(readVarInt(source));
            Dependency dep = new Dependency(ecosystem, readString(source), readString(source));
            dependencies[i] = format >= 2 ? readPlace(dep, source) : dep;
        }
        String sha256 = readString(source);
        List<String> hosts = readStrings(source);
        List<String> workflowValues = readStrings(source);
        int skipped = readVarInt(source);
        Map<String, Integer> lines = new HashMap<>();
        if (format >= 2) {
            for (int i = readVarInt(source); i > 0; i--) {
                lines.put(readString(source), readVarInt(source));
            }
        }
        List<String> triggers = format >= 3 ? readStrings(source) : List.of();
        return new FileFacts(Arrays.asList(dependencies), sha256, hosts, workflowValues, skipped, lines, triggers);
    }

    /** Writes where a file names {@code dep} (facts format 2): its line, then its scope and relationship in a byte. */
    static void writePlace(Dependency dep, DataOutputView target) throws IOException {
        writeVarInt(dep.line(), target);
        target.writeByte(SCOPES.indexOf(dep.scope()) * RELATIONSHIPS.size()
                + RELATIONSHIPS.indexOf(dep.relationship()));
    }

    /** {@code dep} at the place {@link #writePlace} wrote. */
    static Dependency readPlace(Dependency dep, DataInputView source) throws IOException {
        int line = readVarInt(source);
        int codes = source.readUnsignedByte();
        int scope = codes / RELATIONSHIPS.size();
        if (scope >= SCOPES.size()) {
            throw new IOException("no scope of code " + scope);
        }
        return new Dependency(dep.ecosystem(), dep.name(), dep.version(), line, SCOPES.get(scope),
                RELATIONSHIPS.get(codes % RELATIONSHIPS.size()));
    }

    /**
     * The facts format inside a record of another serializer's {@code format}: facts format 2 began at its format
     * {@code since2}, format 3 at {@code since3}.
     */
    static int factsFormat(int format, int since2, int since3) {
        return format >= since3 ? 3 : format >= since2 ? 2 : 1;
    }

    /** Restores the serializer from a checkpoint: the format its state was written in. */
    public static final class Snapshot extends FormatSnapshot<FileFacts> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
