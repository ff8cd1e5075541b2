package io.iocstream.match;

import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link FileFacts} in keyed state, compactly: the file's ecosystems are written once and each dependency names
 * its ecosystem by index, so a lockfile's hundreds of dependencies cost a name and a version each. Reading every
 * inventory is what a retro hunt on RocksDB spends its time on.
 */
public final class FileFactsSerializer extends ImmutableRecordSerializer<FileFacts> {

    public static final FileFactsSerializer INSTANCE = new FileFactsSerializer();

    @Override
    public void serialize(FileFacts facts, DataOutputView target) throws IOException {
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

    @Override
    public FileFacts deserialize(DataInputView source) throws IOException {
        List<String> ecosystems = readStrings(source);
        Dependency[] dependencies = new Dependency[readVarInt(source)];
        for (int i = 0; i < dependencies.length; i++) {
            String ecosystem = ecosystems.get(readVarInt(source));
            dependencies[i] = new Dependency(ecosystem, readString(source), readString(source));
        }
        return new FileFacts(Arrays.asList(dependencies), readString(source), readStrings(source),
                readStrings(source), readVarInt(source));
    }

    @Override
    public TypeSerializerSnapshot<FileFacts> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a checkpoint; the format has one version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FileFacts> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
