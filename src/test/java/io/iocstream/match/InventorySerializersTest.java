package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.feeds.Severity;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The keyed-state serializers give back what they were given, and restore themselves from their snapshots. */
class InventorySerializersTest {

    private static final FileFacts MIXED = new FileFacts(List.of(
            new Dependency("npm", "@ctrl/tinycolor", "4.1.1"),
            new Dependency("PyPI", "requests", "2.32.3"),
            new Dependency("npm", "chalk", null),
            new Dependency("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1")),
            "ab".repeat(32), List.of("registry.npmjs.org", "webhook.site"), List.of("shai-hulud", "self-hosted"));

    @Test
    void pathStatesRoundTripWithFactsTombstonesAndOpenHits() throws Exception {
        Hit packageHit = new Hit(FindingKind.PACKAGE, new Dependency("npm", "chalk", "5.6.1"), null,
                List.of("GHSA-1", "MAL-2025-46969"), Severity.CRITICAL);
        Hit domainHit = new Hit(FindingKind.DOMAIN, null, "webhook.site", List.of("iocs.csv:2"), Severity.HIGH);
        List<PathState> states = List.of(
                new PathState(3, "c3", MIXED, Map.of("id-1", packageHit, "id-2", domainHit)),
                new PathState(1, "c1", FileFacts.PATH_ONLY, Map.of()),
                new PathState(7, "c7", null, Map.of()),
                new PathState(2, "c2", new FileFacts(List.of(), null, List.of(), List.of()), Map.of("id", domainHit)),
                new PathState(4, "c4", new FileFacts(MIXED.dependencies(), null, List.of(), List.of(), 300),
                        Map.of()));
        for (PathState state : states) {
            assertThat(roundTrip(PathStateSerializer.INSTANCE, state)).isEqualTo(state);
        }
    }

    /**
     * A hit's kind and severity are enums now, written as the words the serializer wrote when they were strings in
     * format 1: these bytes are what it wrote then (at 68c6fb5), so savepoints taken before still restore.
     */
    @Test
    void pathStatesKeepTheFormatOfEarlierSavepoints() throws Exception {
        Hit packageHit = new Hit(FindingKind.PACKAGE, new Dependency("npm", "chalk", "5.6.1"), null,
                List.of("GHSA-1", "MAL-2025-46969"), Severity.CRITICAL);
        Hit domainHit = new Hit(FindingKind.DOMAIN, null, "webhook.site", List.of("iocs.csv:2"), Severity.HIGH);
        Map<PathState, String> written = Map.of(
                new PathState(3, "c3", new FileFacts(List.of(new Dependency("npm", "chalk", "5.6.1")), "ab",
                        List.of("webhook.site"), List.of()), Map.of("id-1", packageHit)),
                "00000000000000030563330101076e706d01000b6368616c6b0b352e362e310561620119776562686f6f6b2e736974650000"
                        + "010969642d310f7061636b61676501076e706d0b6368616c6b0b352e362e3100020d474853412d311d4d414c2d3230"
                        + "32352d343639363911637269746963616c",
                new PathState(4, "c4", null, Map.of("id-2", domainHit)),
                "000000000000000405633400010969642d320d646f6d61696e0019776562686f6f6b2e736974650115696f63732e6373763a"
                        + "320968696768");
        for (Map.Entry<PathState, String> state : written.entrySet()) {
            byte[] bytes = HexFormat.of().parseHex(state.getValue());
            assertThat(InstantiationUtil.deserializeFromByteArray(PathStateSerializer.INSTANCE.ofFormat(1), bytes))
                    .isEqualTo(state.getKey());
        }
    }

    @Test
    void inventoryUpdatesRoundTripWithAndWithoutFacts() throws Exception {
        List<InventoryUpdate> updates = List.of(
                new InventoryUpdate("acme/app", "refs/heads/main", "c1", "web/package-lock.json", Trigger.BASELINE,
                        1, 2, FileOp.CONTENT, MIXED, List.of()),
                new InventoryUpdate("acme/app", "refs/heads/dev", "c2", "", Trigger.PUSH, 2, 1, FileOp.SNAPSHOT, null,
                        List.of("a/package-lock.json", "b/requirements.txt")));
        for (InventoryUpdate update : updates) {
            assertThat(roundTrip(InventoryUpdateSerializer.INSTANCE, update)).isEqualTo(update);
        }
    }

    @Test
    void manyEcosystemsAndAnyStringRoundTrip() throws Exception {
        List<Dependency> deps = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            deps.add(new Dependency("eco-" + (i % 300), "name-" + i, "1." + i));
        }
        // hosts with non-ASCII, a long value, a surrogate pair, lone surrogates (a JSON escape can make them), empty
        FileFacts facts = new FileFacts(deps, null,
                List.of("é.example", "x".repeat(70_000), "emoji-\uD83D\uDE00", "lone-\uD800", ""), List.of("\uDFFF"));
        assertThat(roundTrip(FileFactsSerializer.INSTANCE, facts)).isEqualTo(facts);
    }

    @Test
    void eachSerializerRestoresFromItsSnapshot() throws Exception {
        for (TypeSerializer<?> serializer : List.of(PathStateSerializer.INSTANCE, InventoryUpdateSerializer.INSTANCE,
                FileFactsSerializer.INSTANCE)) {
            assertRestores(serializer);
        }
    }

    private static <T> void assertRestores(TypeSerializer<T> serializer) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), InventorySerializersTest.class.getClassLoader());
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs())
                .isTrue();
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        return InstantiationUtil.deserializeFromByteArray(serializer,
                InstantiationUtil.serializeToByteArray(serializer, value));
    }
}
