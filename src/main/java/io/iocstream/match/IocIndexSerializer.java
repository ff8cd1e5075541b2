package io.iocstream.match;

import io.iocstream.feeds.Advisory;
import static io.iocstream.match.ImmutableRecordSerializer.readString;
import static io.iocstream.match.ImmutableRecordSerializer.readStrings;
import static io.iocstream.match.ImmutableRecordSerializer.readVarInt;
import static io.iocstream.match.ImmutableRecordSerializer.writeString;
import static io.iocstream.match.ImmutableRecordSerializer.writeStrings;
import static io.iocstream.match.ImmutableRecordSerializer.writeVarInt;

import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.version.RangeEvent;
import io.iocstream.feeds.version.VersionRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The {@link IocIndex} in broadcast state. Flink's heap backend copies broadcast state with {@link #copy} in the
 * synchronous part of every checkpoint, so a copy is structural: new maps and lists, the same immutable entries
 * and indicators. A snapshot writes the index as it is grouped, so a restore normalises no name, and the strings
 * that repeat (ecosystem, severity, feed, description) once each: a later use names the first by number. Entries
 * are written as the feed gave them; a restore parses their versions again ({@link IndexedEntry}).
 *
 * <p>Formats: 1 (savepoints up to 2026-12-06); 2 adds what the feed says of each entry ({@link Advisory}: its
 * summary among the repeated strings, its aliases and references). Enums are written as one-byte codes
 * ({@link EnumCodes}); format 1 was first written with the enums' ordinals, which are the codes.
 */
public final class IocIndexSerializer extends FormatSerializer<IocIndex> {

    static final int CURRENT_FORMAT = 2;

    public static final IocIndexSerializer INSTANCE = new IocIndexSerializer(CURRENT_FORMAT);

    private static final int ALL_VERSIONS = 1;
    private static final int WITHDRAWN = 2;
    /** The entry's name is the name it is filed under, as most are; it is not written again. */
    private static final int NAME_IS_KEY = 4;

    private static final EnumCodes<VersionRange.Type> RANGE_TYPES = EnumCodes.of(VersionRange.Type.class,
            VersionRange.Type.SEMVER, VersionRange.Type.ECOSYSTEM);
    private static final EnumCodes<RangeEvent.Kind> EVENT_KINDS = EnumCodes.of(RangeEvent.Kind.class,
            RangeEvent.Kind.INTRODUCED, RangeEvent.Kind.FIXED, RangeEvent.Kind.LAST_AFFECTED, RangeEvent.Kind.LIMIT);
    private static final EnumCodes<Indicator.Kind> INDICATOR_KINDS = EnumCodes.of(Indicator.Kind.class,
            Indicator.Kind.FILE_HASH, Indicator.Kind.FILE_NAME, Indicator.Kind.DOMAIN, Indicator.Kind.WORKFLOW,
            Indicator.Kind.ACTION, Indicator.Kind.REF, Indicator.Kind.URL, Indicator.Kind.REPOSITORY);

    private IocIndexSerializer(int format) {
        super(format);
    }

    @Override
    protected int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    protected IocIndexSerializer ofFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new IocIndexSerializer(format);
    }

    @Override
    protected FormatSnapshot<IocIndex> newSnapshot() {
        return new Snapshot();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public IocIndex createInstance() {
        return new IocIndex();
    }

    @Override
    public IocIndex copy(IocIndex from) {
        return from.copy();
    }

    @Override
    public IocIndex copy(IocIndex from, IocIndex reuse) {
        return from.copy();
    }

    @Override
    protected void write(IocIndex index, DataOutputView target) throws IOException {
        StringTableWriter strings = new StringTableWriter(target);
        writeVarInt(index.packages().size(), target);
        for (Map.Entry<String, Map<String, List<IndexedEntry>>> ecosystem : index.packages().entrySet()) {
            writeString(ecosystem.getKey(), target);
            writeVarInt(ecosystem.getValue().size(), target);
            for (Map.Entry<String, List<IndexedEntry>> name : ecosystem.getValue().entrySet()) {
                writeString(name.getKey(), target);
                writeVarInt(name.getValue().size(), target);
                for (IndexedEntry indexed : name.getValue()) {
                    writeEntry(indexed.entry(), name.getKey(), strings, target);
                }
            }
        }
        Map<Indicator.Kind, Map<String, List<Indicator>>> byKind = index.indicators().byKind();
        writeVarInt(byKind.size(), target);
        for (Map.Entry<Indicator.Kind, Map<String, List<Indicator>>> kind : byKind.entrySet()) {
            target.writeByte(INDICATOR_KINDS.code(kind.getKey()));
            writeVarInt(kind.getValue().size(), target);
            for (Map.Entry<String, List<Indicator>> value : kind.getValue().entrySet()) {
                writeString(value.getKey(), target);
                writeVarInt(value.getValue().size(), target);
                for (Indicator indicator : value.getValue()) {
                    writeString(indicator.id(), target);
                    strings.write(indicator.severity());
                    strings.write(indicator.description());
                    target.writeBoolean(indicator.withdrawn());
                    strings.write(indicator.feed());
                }
            }
        }
    }

    private static void writeEntry(IocEntry entry, String key, StringTableWriter strings, DataOutputView target)
            throws IOException {
        boolean nameIsKey = entry.name().equals(key);
        writeString(entry.id(), target);
        strings.write(entry.ecosystem());
        target.writeByte((entry.allVersions() ? ALL_VERSIONS : 0) | (entry.withdrawn() ? WITHDRAWN : 0)
                | (nameIsKey ? NAME_IS_KEY : 0));
        if (!nameIsKey) {
            writeString(entry.name(), target);
        }
        writeVarInt(entry.versions().size(), target);
        for (String version : entry.versions()) {
            writeString(version, target);
        }
        writeVarInt(entry.ranges().size(), target);
        for (VersionRange range : entry.ranges()) {
            target.writeByte(RANGE_TYPES.code(range.type()));
            writeVarInt(range.events().size(), target);
            for (RangeEvent event : range.events()) {
                target.writeByte(EVENT_KINDS.code(event.kind()));
                writeString(event.version(), target);
            }
        }
        strings.write(entry.severity());
        strings.write(entry.feed());
        strings.write(entry.advisory().summary());
        writeStrings(entry.advisory().aliases(), target);
        writeStrings(entry.advisory().references(), target);
    }

    @Override
    protected IocIndex read(DataInputView source, int format) throws IOException {
        StringTableReader strings = new StringTableReader(source);
        int ecosystems = readVarInt(source);
        Map<String, Map<String, List<IndexedEntry>>> byEcosystem = new HashMap<>(capacity(ecosystems));
        for (int e = 0; e < ecosystems; e++) {
            String ecosystem = readString(source);
            int names = readVarInt(source);
            Map<String, List<IndexedEntry>> byName = new HashMap<>(capacity(names));
            for (int n = 0; n < names; n++) {
                String key = readString(source);
                int count = readVarInt(source);
                List<IndexedEntry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    entries.add(new IndexedEntry(readEntry(key, strings, source, format)));
                }
                byName.put(key, entries);
            }
            byEcosystem.put(ecosystem, byName);
        }
        int kinds = readVarInt(source);
        Map<Indicator.Kind, Map<String, List<Indicator>>> byKind = new HashMap<>(capacity(kinds));
        for (int k = 0; k < kinds; k++) {
            Indicator.Kind kind = INDICATOR_KINDS.of(source.readUnsignedByte());
            int values = readVarInt(source);
            Map<String, List<Indicator>> byValue = new HashMap<>(capacity(values));
            for (int v = 0; v < values; v++) {
                String value = readString(source);
                int count = readVarInt(source);
                List<Indicator> same = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    same.add(new Indicator(readString(source), kind, value, strings.read(), strings.read(),
                            source.readBoolean(), strings.read()));
                }
                byValue.put(value, same);
            }
            byKind.put(kind, byValue);
        }
        return new IocIndex(byEcosystem, new IndicatorIndex(byKind));
    }

    private static IocEntry readEntry(String key, StringTableReader strings, DataInputView source, int format)
            throws IOException {
        String id = readString(source);
        String ecosystem = strings.read();
        int flags = source.readUnsignedByte();
        String name = (flags & NAME_IS_KEY) != 0 ? key : readString(source);
        String[] versions = new String[readVarInt(source)];
        for (int i = 0; i < versions.length; i++) {
            versions[i] = readString(source);
        }
        VersionRange[] ranges = new VersionRange[readVarInt(source)];
        for (int r = 0; r < ranges.length; r++) {
            VersionRange.Type type = RANGE_TYPES.of(source.readUnsignedByte());
            RangeEvent[] events = new RangeEvent[readVarInt(source)];
            for (int i = 0; i < events.length; i++) {
                events[i] = new RangeEvent(EVENT_KINDS.of(source.readUnsignedByte()), readString(source));
            }
            ranges[r] = new VersionRange(type, Arrays.asList(events));
        }
        String severity = strings.read();
        String feed = strings.read();
        Advisory advisory = format >= 2 ? new Advisory(strings.read(), readStrings(source), readStrings(source))
                : Advisory.NONE;
        return new IocEntry(id, ecosystem, name, Set.of(versions), (flags & ALL_VERSIONS) != 0,
                Arrays.asList(ranges), (flags & WITHDRAWN) != 0, severity, feed, advisory);
    }

    /** A HashMap capacity that holds {@code size} keys without a resize. */
    private static int capacity(int size) {
        return (int) (size / 0.75f) + 1;
    }

    /** Restores the serializer from a checkpoint: the format its state was written in. */
    public static final class Snapshot extends FormatSnapshot<IocIndex> {
        public Snapshot() {
            super(INSTANCE);
        }
    }

    /**
     * The repeated strings of one snapshot, as it writes them: a string's first use writes it after a 0, each
     * later use its number (1 for the first string written, and so on). Null is a string like any other here.
     */
    private static final class StringTableWriter {
        private final Map<String, Integer> numbers = new HashMap<>();
        private final DataOutputView target;

        StringTableWriter(DataOutputView target) {
            this.target = target;
        }

        void write(String value) throws IOException {
            Integer number = numbers.get(value);
            if (number != null) {
                writeVarInt(number, target);
            } else {
                numbers.put(value, numbers.size() + 1);
                writeVarInt(0, target);
                writeString(value, target);
            }
        }
    }

    /** The repeated strings of one snapshot, as {@link StringTableWriter} wrote them. */
    private static final class StringTableReader {
        private final List<String> strings = new ArrayList<>();
        private final DataInputView source;

        StringTableReader(DataInputView source) {
            this.source = source;
        }

        String read() throws IOException {
            int number = readVarInt(source);
            if (number == 0) {
                String value = readString(source);
                strings.add(value);
                return value;
            }
            return strings.get(number - 1);
        }
    }
}
