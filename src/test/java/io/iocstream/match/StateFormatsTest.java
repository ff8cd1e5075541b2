package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.changes.Trigger;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * Every format each state serializer ever wrote is read back: the bytes of {@link StateSamples} in each format are
 * fixed under {@code src/test/resources/state-formats/NAME-FORMAT.hex}, and a new format needs its file, which
 * {@link #main} writes (from the project directory: {@code mvn -q -o test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test && java -cp
 * target/test-classes:target/classes:$(cat target/cp.txt) io.iocstream.match.StateFormatsTest}). The snapshots
 * before formats were numbered restore as format 1, and an earlier format is compatible only after migration.
 */
class StateFormatsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/state-formats");

    /**
     * One serializer, its samples, and how to compare what it reads with them; from format {@code since} on, the
     * samples of what only those formats hold ({@code sinceSamples}) follow them, and from {@code since2} on
     * ({@code since2Samples}) those of what only the formats since that one hold.
     */
    private record Case<T>(String name, FormatSerializer<T> newest, List<T> samples, Function<T, Object> compared,
            int since, List<T> sinceSamples, int since2, List<T> since2Samples) {

        Case(String name, FormatSerializer<T> newest, List<T> samples, Function<T, Object> compared, int since,
                List<T> sinceSamples) {
            this(name, newest, samples, compared, since, sinceSamples, Integer.MAX_VALUE, List.of());
        }

        /** The samples format {@code format} holds. */
        List<T> samples(int format) {
            List<T> all = new ArrayList<>(samples);
            if (format >= since) {
                all.addAll(sinceSamples);
            }
            if (format >= since2) {
                all.addAll(since2Samples);
            }
            return all;
        }

        List<T> newestSamples() {
            return samples(newest.currentFormat());
        }
    }

    private static List<Case<?>> cases() {
        return List.of(
                new Case<FileFacts>("FileFacts", FileFactsSerializer.INSTANCE, StateSamples.FILE_FACTS, f -> f, 2,
                        StateSamples.FILE_FACTS_SINCE_FIELDS, 3, StateSamples.FILE_FACTS_SINCE_TRIGGERS),
                new Case<PathState>("PathState", PathStateSerializer.INSTANCE, StateSamples.PATH_STATES, s -> s, 3,
                        StateSamples.PATH_STATES_SINCE_FIELDS, 4, StateSamples.PATH_STATES_SINCE_TRIGGERS),
                new Case<InventoryUpdate>("InventoryUpdate", InventoryUpdateSerializer.INSTANCE, StateSamples.UPDATES,
                        u -> u, 3, StateSamples.UPDATES_SINCE_FIELDS, 4, StateSamples.UPDATES_SINCE_TRIGGERS),
                new Case<IocIndex>("IocIndex", IocIndexSerializer.INSTANCE, List.of(StateSamples.index()),
                        StateSamples::contents, 2, List.of(StateSamples.indexSinceFields())));
    }

    @Test
    void everyFormatEverWrittenReadsBackAsTheSamples() throws Exception {
        for (Case<?> c : cases()) {
            assertReadsEveryFormat(c);
        }
    }

    private static <T> void assertReadsEveryFormat(Case<T> c) throws Exception {
        for (int format = 1; format <= c.newest().currentFormat(); format++) {
            Path fixture = FIXTURES.resolve(c.name() + "-" + format + ".hex");
            assertThat(fixture).as("the bytes of %s format %d (write them with StateFormatsTest.main)", c.name(),
                    format).exists();
            List<String> lines = hexLines(fixture);
            List<T> samples = c.samples(format);
            assertThat(lines).hasSameSizeAs(samples);
            FormatSerializer<T> reader = c.newest().ofFormat(format);
            for (int i = 0; i < lines.size(); i++) {
                T read = InstantiationUtil.deserializeFromByteArray(reader, HexFormat.of().parseHex(lines.get(i)));
                assertThat(c.compared().apply(read)).as("%s format %d, sample %d", c.name(), format, i)
                        .isEqualTo(c.compared().apply(samples.get(i)));
            }
        }
    }

    @Test
    void theNewestFormatRoundTrips() throws Exception {
        for (Case<?> c : cases()) {
            assertRoundTrips(c);
        }
    }

    private static <T> void assertRoundTrips(Case<T> c) throws Exception {
        for (T sample : c.newestSamples()) {
            byte[] bytes = InstantiationUtil.serializeToByteArray(c.newest(), sample);
            assertThat(c.compared().apply(InstantiationUtil.deserializeFromByteArray(c.newest(), bytes)))
                    .isEqualTo(c.compared().apply(sample));
            // what Flink does when it copies serialized state, e.g. into a savepoint of another backend
            DataOutputSerializer copy = new DataOutputSerializer(bytes.length);
            c.newest().copy(new DataInputDeserializer(bytes), copy);
            assertThat(c.compared().apply(InstantiationUtil.deserializeFromByteArray(c.newest(),
                    copy.getCopyOfBuffer()))).isEqualTo(c.compared().apply(sample));
        }
    }

    @Test
    void codesMakeTheNewFormatsSmaller() throws Exception {
        byte[] format1 = HexFormat.of().parseHex(hexLines(FIXTURES.resolve("PathState-1.hex")).get(0));
        byte[] format2 = HexFormat.of().parseHex(hexLines(FIXTURES.resolve("PathState-2.hex")).get(0));
        assertThat(format2.length).isEqualTo(format1.length - "package".length() - "critical".length());
    }

    @Test
    void aSnapshotFromBeforeNumberedFormatsRestoresFormatOneAndMigrates() throws Exception {
        for (Case<?> c : cases()) {
            TypeSerializerSnapshot<?> old = readSnapshot(unnumberedSnapshot(c.newest()));
            assertThat(((FormatSerializer<?>) old.restoreSerializer()).format()).isEqualTo(1);
            TypeSerializerSchemaCompatibility<?> compatibility = resolve(c.newest(), old);
            if (c.newest().currentFormat() == 1) {
                assertThat(compatibility.isCompatibleAsIs()).as(c.name()).isTrue();
            } else {
                assertThat(compatibility.isCompatibleAfterMigration()).as(c.name()).isTrue();
            }
        }
    }

    @Test
    void eachFormatsSnapshotRestoresItsReader() throws Exception {
        for (Case<?> c : cases()) {
            for (int format = 1; format <= c.newest().currentFormat(); format++) {
                FormatSerializer<?> reader = c.newest().ofFormat(format);
                TypeSerializerSnapshot<?> restored = readSnapshot(writeSnapshot(reader));
                assertThat(restored.restoreSerializer()).isEqualTo(reader);
                assertThat(resolve(c.newest(), restored).isCompatibleAsIs())
                        .isEqualTo(format == c.newest().currentFormat());
            }
        }
    }

    @Test
    void aFormatNewerThanTheBuildIsRefusedWithAClearMessage() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(PathStateSerializer.Snapshot.class.getName());
        out.writeInt(4);
        out.writeInt(PathStateSerializer.CURRENT_FORMAT + 1);
        TypeSerializerSnapshot<?> newer = readSnapshot(out.getCopyOfBuffer());
        assertThat(resolve(PathStateSerializer.INSTANCE, newer).isIncompatible()).isTrue();
        assertThatThrownBy(newer::restoreSerializer).hasMessageContaining("cannot be read: this build reads formats 1 to "
                + PathStateSerializer.CURRENT_FORMAT);
    }

    @Test
    void anEarlierFormatIsOnlyRead() {
        assertThatThrownBy(() -> InstantiationUtil.serializeToByteArray(PathStateSerializer.INSTANCE.ofFormat(1),
                StateSamples.PATH_STATES.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only read");
    }

    @Test
    void anEnumConstantWithoutACodeIsRefused() {
        assertThatThrownBy(() -> EnumCodes.of(Trigger.class, Trigger.PUSH, Trigger.BASELINE))
                .hasMessageContaining("Trigger.RETRO_HUNT has no state code");
        assertThatThrownBy(() -> EnumCodes.of(Trigger.class, Trigger.PUSH, Trigger.PUSH, Trigger.BASELINE,
                Trigger.RETRO_HUNT)).hasMessageContaining("two codes");
    }

    /** What Flink wrote for these serializers' SimpleTypeSerializerSnapshot: its class name, version 3, nothing. */
    private static byte[] unnumberedSnapshot(FormatSerializer<?> serializer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(serializer.snapshotConfiguration().getClass().getName());
        out.writeInt(3);
        return out.getCopyOfBuffer();
    }

    private static byte[] writeSnapshot(TypeSerializer<?> serializer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        return out.getCopyOfBuffer();
    }

    private static TypeSerializerSnapshot<?> readSnapshot(byte[] bytes) throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(bytes),
                StateFormatsTest.class.getClassLoader());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeSerializerSchemaCompatibility<?> resolve(TypeSerializer<?> newest, TypeSerializerSnapshot<?> old) {
        return newest.snapshotConfiguration().resolveSchemaCompatibility((TypeSerializerSnapshot) old);
    }

    private static List<String> hexLines(Path fixture) throws IOException {
        return Files.readAllLines(fixture).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    /** Writes the fixture of each serializer's newest format, if it has none yet: the format's bytes from then on. */
    public static void main(String[] args) throws IOException {
        for (Case<?> c : cases()) {
            writeFixture(c);
        }
    }

    private static <T> void writeFixture(Case<T> c) throws IOException {
        Path fixture = FIXTURES.resolve(c.name() + "-" + c.newest().currentFormat() + ".hex");
        if (Files.exists(fixture)) {
            System.out.println("kept " + fixture);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("# " + c.name() + " format " + c.newest().currentFormat() + ": the bytes of each of StateSamples'"
                + " values, one a line. Never edit.");
        for (T sample : c.newestSamples()) {
            lines.add(HexFormat.of().formatHex(InstantiationUtil.serializeToByteArray(c.newest(), sample)));
        }
        Files.write(fixture, lines);
        System.out.println("wrote " + fixture);
    }
}
