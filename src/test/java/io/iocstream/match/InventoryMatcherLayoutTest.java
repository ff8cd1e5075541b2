package io.iocstream.match;

import static io.iocstream.match.MatcherHarness.loaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.BranchLifetimes;
import io.iocstream.changes.Trigger;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A ref's keyed state layout ({@link InventoryMatcher#LAYOUT}): the names of its paths are kept beside its inventory
 * and the count of its held scans beside them, so that its end and a tree snapshot read its paths by key and whether
 * it waits is a point read, never an iteration (a seek over tombstones on RocksDB). The list follows the inventory
 * through every way a path joins it; a ref restored from a build before the layout is listed and counted once, then
 * ends like any other, back to the baseline.
 */
class InventoryMatcherLayoutTest {

    private static final IocEntry CHALK = new IocEntry("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"), false,
            false, "critical", "osv/chalk.json");
    private static final Indicator WORM_REF = new Indicator("TEST-REF", Indicator.Kind.REF, "feature", "high", "",
            false, "iocs/refs.csv");
    private static final String REF = "refs/heads/feature";
    private static final String KEY = content(1, 1, "x", Trigger.PUSH).branchKey();
    private static final long MEMORY = BranchLifetimes.ENDED_REF_MEMORY.toMillis();

    /** The held scans' states, as the matcher declares them (private there: only this test reaches in). */
    private static final MapStateDescriptor<Long, List<InventoryUpdate>> ARRIVED = new MapStateDescriptor<>(
            "scans-arrived", LongSerializer.INSTANCE, new ListSerializer<>(InventoryUpdateSerializer.INSTANCE));

    @Test
    void thePathListFollowsTheInventoryThroughEveryWayAPathJoinsIt() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(content(1, 3, "a/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(1, 3, "b/package-lock.json", Trigger.BASELINE), 0);
            harness.processElement1(content(1, 3, "c/package-lock.json", Trigger.BASELINE), 0);
            harness.processElement1(update(2, "b/package-lock.json", FileOp.REMOVED, List.of()), 0);
            harness.processElement1(content(3, 1, "d/package-lock.json", Trigger.PUSH), 0);
            // a tree snapshot without c: c becomes a tombstone, still a key of the inventory
            harness.processElement1(update(4, "", FileOp.SNAPSHOT, List.of("a/package-lock.json",
                    "d/package-lock.json")), 0);
            // a retro hunt of a ref indicator adds the ref's own path
            harness.processElement2(FeedUpdate.indicator(WORM_REF), 0);

            assertThat(pathNames(harness)).as("each path once, in the order it joined")
                    .containsExactly("a/package-lock.json", "b/package-lock.json", "c/package-lock.json",
                            "d/package-lock.json", REF)
                    .containsExactlyInAnyOrderElementsOf(inventoryKeys(harness));

            harness.processElement1(update(5, "", FileOp.REF_DELETED, List.of()), 0);

            assertThat(findings(harness)).filteredOn(f -> f.status().equals("resolved"))
                    .extracting(Finding::path, Finding::resolution)
                    .containsExactlyInAnyOrder(tuple("a/package-lock.json", "ref_deleted"), tuple(REF, "ref_deleted"));
            assertThat(inventoryKeys(harness)).isEmpty();
            assertThat(pathNames(harness)).isEmpty();
        }
    }

    @Test
    void aRefOfTheEarlierLayoutIsListedOnceAndItsDeletionReturnsStateToTheBaseline() throws Exception {
        OperatorSubtaskState earlier;
        int baseline;
        try (var harness = loaded(CHALK)) {
            baseline = harness.numKeyedStateEntries();
            harness.processElement1(content(1, 2, "a/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(1, 2, "b/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            // scan 3 overtook scan 2: held, and the ref watched
            harness.processElement1(content(3, 1, "c/package-lock.json", Trigger.PUSH, dep("chalk", "5.6.1")), 0);
            toEarlierLayout(harness);
            assertThat(inventoryKeys(harness)).hasSize(2);
            assertThat(heldScans(harness)).containsExactly(3L);
            earlier = harness.snapshot(1, 1);
        }
        try (var harness = MatcherHarness.harness(earlier)) {
            // scan 2 comes: it adds a path, and the held scan 3 follows it (the restored ref counted its held scans)
            harness.processElement1(content(2, 1, "d/package-lock.json", Trigger.PUSH), 0);
            assertThat(pathNames(harness)).containsExactlyInAnyOrder("a/package-lock.json", "b/package-lock.json",
                    "d/package-lock.json", "c/package-lock.json");
            assertThat(heldScans(harness)).isEmpty();

            harness.processElement1(update(4, "", FileOp.REF_DELETED, List.of()), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::path, Finding::resolution)
                    .containsExactlyInAnyOrder(tuple("open", "c/package-lock.json", null),
                            tuple("resolved", "a/package-lock.json", "ref_deleted"),
                            tuple("resolved", "b/package-lock.json", "ref_deleted"),
                            tuple("resolved", "c/package-lock.json", "ref_deleted"));
            // the scan number, the moment to clear it, the stall watch and the ref's layout stay a while
            assertThat(harness.numKeyedStateEntries()).isEqualTo(baseline + 4);

            harness.setProcessingTime(MEMORY);

            assertThat(harness.numKeyedStateEntries()).isEqualTo(baseline);
            assertThat(harness.numProcessingTimeTimers()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aRefOfTheEarlierLayoutThatARetroHuntReachesFirstIsListedWithItsNewPath() throws Exception {
        OperatorSubtaskState earlier;
        try (var harness = loaded(CHALK)) {
            harness.processElement1(content(1, 1, "a/package-lock.json", Trigger.BASELINE), 0);
            toEarlierLayout(harness);
            earlier = harness.snapshot(1, 1);
        }
        try (var harness = MatcherHarness.harness(earlier)) {
            harness.processElement2(FeedUpdate.indicator(WORM_REF), 0);
            assertThat(pathNames(harness)).containsExactly("a/package-lock.json", REF);

            harness.processElement1(update(2, "", FileOp.REF_DELETED, List.of()), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::path, Finding::resolution)
                    .containsExactly(tuple("open", REF, null), tuple("resolved", REF, "ref_deleted"));
            assertThat(inventoryKeys(harness)).isEmpty();
        }
    }

    /** Leaves the ref's state as a build before the layout did: no path list, no count of held scans, no layout. */
    private static void toEarlierLayout(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness)
            throws Exception {
        state(harness, InventoryMatcher.PATH_NAMES).clear();
        state(harness, InventoryMatcher.REF_LAYOUT).clear();
        state(harness, InventoryMatcher.SCANS_HELD).clear();
    }

    private static List<String> pathNames(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness)
            throws Exception {
        ListState<String> names = state(harness, InventoryMatcher.PATH_NAMES);
        List<String> all = new ArrayList<>();
        if (names.get() != null) {
            names.get().forEach(all::add);
        }
        return all;
    }

    private static List<String> inventoryKeys(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness)
            throws Exception {
        MapState<String, PathState> inventory = state(harness, InventoryMatcher.PATHS);
        List<String> keys = new ArrayList<>();
        inventory.keys().forEach(keys::add);
        return keys;
    }

    private static List<Long> heldScans(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness)
            throws Exception {
        MapState<Long, List<InventoryUpdate>> held = state(harness, ARRIVED);
        List<Long> scans = new ArrayList<>();
        held.keys().forEach(scans::add);
        ValueState<Integer> count = state(harness, InventoryMatcher.SCANS_HELD);
        assertThat(count.value() == null ? 0 : count.value()).as("the count of held scans").isIn(0, scans.size());
        return scans;
    }

    /** One of the matcher's keyed states, for the test's ref. */
    private static <S extends State> S state(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness,
            StateDescriptor<S, ?> descriptor) throws Exception {
        var backend = harness.getOperator().<String>getKeyedStateBackend();
        backend.setCurrentKey(KEY);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    private static Dependency dep(String name, String version) {
        return new Dependency("npm", name, version);
    }

    private static InventoryUpdate content(long seq, int scanSize, String path, Trigger trigger, Dependency... deps) {
        return new InventoryUpdate("acme/app", REF, "c" + seq, path, trigger, seq, scanSize, FileOp.CONTENT,
                new FileFacts(List.of(deps), null, List.of(), List.of()), List.of());
    }

    private static InventoryUpdate update(long seq, String path, FileOp op, List<String> present) {
        return new InventoryUpdate("acme/app", REF, "c" + seq, path, Trigger.PUSH, seq, 1, op, null, present);
    }

    private static List<Finding> findings(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness) {
        return harness.extractOutputValues();
    }
}
