package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

/**
 * A ref's scans come out in push order, whatever order their records arrive in; a stalled ref moves on. Whether a ref
 * waits is answered from the count of held scans, never by asking the map whether it is empty (a seek on RocksDB):
 * the map here refuses {@code isEmpty}.
 */
class ScanOrderTest {

    private final MemoryMapState<Long, List<InventoryUpdate>> held = new MemoryMapState<>();
    private final MemoryValueState<Long> nextScan = new MemoryValueState<>();
    private final MemoryValueState<Integer> heldCount = new MemoryValueState<>();
    private final MemoryValueState<Integer> appliedOfNext = new MemoryValueState<>();
    private final MemoryValueState<Long> watched = new MemoryValueState<>();
    private final ScanOrder order = new ScanOrder(held, heldCount, nextScan, appliedOfNext, watched);

    @Test
    void theNextScansRecordsComeOutAtOnceAndItsLastMovesOn() throws Exception {
        InventoryUpdate a = record(1, 2, "a");
        InventoryUpdate b = record(1, 2, "b");

        assertThat(order.accept(a)).containsExactly(a);
        assertThat(order.waiting()).isTrue();
        assertThat(order.accept(b)).containsExactly(b);

        assertThat(order.next()).isEqualTo(2);
        assertThat(order.waiting()).isFalse();
    }

    @Test
    void aLaterScanWaitsForTheEarlierOnesAndFollowsThemInOrder() throws Exception {
        InventoryUpdate third = record(3, 1, "c");
        InventoryUpdate second = record(2, 1, "b");
        InventoryUpdate first = record(1, 1, "a");

        assertThat(order.accept(third)).isEmpty();
        assertThat(order.accept(second)).isEmpty();
        assertThat(order.waiting()).isTrue();

        assertThat(order.accept(first)).containsExactly(first, second, third);
        assertThat(order.next()).isEqualTo(4);
    }

    @Test
    void heldRecordsWaitUntilTheirWholeScanIsBehind() throws Exception {
        InventoryUpdate later = record(2, 1, "b");
        InventoryUpdate firstHalf = record(1, 2, "a");
        InventoryUpdate secondHalf = record(1, 2, "a2");

        assertThat(order.accept(later)).isEmpty();
        assertThat(order.accept(firstHalf)).containsExactly(firstHalf);
        assertThat(order.accept(secondHalf)).containsExactly(secondHalf, later);
    }

    @Test
    void aScanGivenUpOnMovesPastItsMissingRecordAndLetsItsLateOnesThrough() throws Exception {
        InventoryUpdate applied = record(1, 2, "a");
        InventoryUpdate next = record(2, 1, "b");
        order.accept(applied);
        order.accept(next);

        assertThat(order.skipNext()).containsExactly(next);
        assertThat(order.next()).isEqualTo(3);
        InventoryUpdate late = record(1, 2, "a2");
        assertThat(order.accept(late)).containsExactly(late);
    }

    @Test
    void aScanThatNeverCameIsSkippedToTheLowestHeld() throws Exception {
        InventoryUpdate fifth = record(5, 1, "e");
        InventoryUpdate third = record(3, 1, "c");
        order.accept(fifth);
        order.accept(third);

        assertThat(order.skipNext()).containsExactly(third);
        assertThat(order.next()).isEqualTo(4);
        assertThat(order.skipAll()).containsExactly(fifth);
        assertThat(order.waiting()).isFalse();
    }

    @Test
    void theEndOfTheInputLetsEverythingHeldThroughInOrder() throws Exception {
        InventoryUpdate partial = record(1, 3, "a");
        InventoryUpdate fourth = record(4, 1, "d");
        InventoryUpdate secondA = record(2, 2, "b");
        order.accept(partial);
        order.accept(fourth);
        order.accept(secondA);

        assertThat(order.skipAll()).containsExactly(secondA, fourth);
        assertThat(order.waiting()).isFalse();
    }

    @Test
    void aWatchStartsOnceWhileTheRefWaitsAndFindsItStalledOnlyIfItHasNotMovedOn() throws Exception {
        assertThat(order.watch()).as("nothing waits").isFalse();
        order.accept(record(1, 2, "a"));

        assertThat(order.watch()).isTrue();
        assertThat(order.watch()).as("one watch at a time").isFalse();
        assertThat(order.stalled()).isTrue();

        order.accept(record(1, 2, "b"));
        order.accept(record(3, 1, "c"));
        // the ref moved on to scan 2 since the watch began at 1: not stalled, but it waits again
        assertThat(order.stalled()).isFalse();
        order.endWatch();
        assertThat(order.watch()).isTrue();
        assertThat(order.stalled()).isTrue();
    }

    @Test
    void theWatchWhileTheFeedsLoadNeverSkipsAScan() throws Exception {
        assertThat(order.watchWhileFeedsLoad()).isTrue();
        assertThat(order.watchWhileFeedsLoad()).isFalse();
        assertThat(order.watchingFeedsLoad()).isTrue();
        order.accept(record(2, 1, "b"));

        assertThat(order.stalled()).isFalse();
        order.endWatch();
        assertThat(order.watchingFeedsLoad()).isFalse();
    }

    /** Like flink-training's checks of state after a key's life: a ref in order keeps only its next scan. */
    @Test
    void nothingIsLeftHeldOnceEveryScanIsApplied() throws Exception {
        order.accept(record(3, 1, "c"));
        order.accept(record(2, 2, "b"));
        order.accept(record(1, 1, "a"));
        order.accept(record(2, 2, "b2"));

        assertThat(held.map).isEmpty();
        assertThat(heldCount.value()).isNull();
        assertThat(appliedOfNext.value()).isNull();
        assertThat(nextScan.value()).isEqualTo(4);
    }

    @Test
    void theCountOfHeldScansFollowsTheMapThroughHoldingTakingAndSkipping() throws Exception {
        order.accept(record(4, 1, "d"));
        order.accept(record(3, 2, "c"));
        order.accept(record(3, 2, "c2"));
        assertThat(heldCount.value()).as("two scans, three records").isEqualTo(2);

        order.accept(record(1, 1, "a"));
        assertThat(heldCount.value()).isEqualTo(2);
        assertThat(order.skipNext()).extracting(InventoryUpdate::path).containsExactly("c", "c2", "d");
        assertThat(held.map).isEmpty();
        assertThat(heldCount.value()).isNull();
        assertThat(order.waiting()).isFalse();

        order.accept(record(7, 1, "g"));
        order.clear();
        assertThat(held.map).isEmpty();
        assertThat(heldCount.value()).isNull();
    }

    @Test
    void anOrderRestoredFromABuildThatDidNotCountIsCountedOnce() throws Exception {
        // what an earlier build left: scans 3 and 5 held, scan 1 applied, a watch running, no count
        held.map.put(3L, List.of(record(3, 1, "c")));
        held.map.put(5L, List.of(record(5, 1, "e")));
        nextScan.update(2L);
        watched.update(2L);

        order.countHeld();

        assertThat(heldCount.value()).isEqualTo(2);
        assertThat(order.waiting()).isTrue();
        assertThat(order.accept(record(2, 1, "b"))).extracting(InventoryUpdate::path).containsExactly("b", "c");
        assertThat(heldCount.value()).isEqualTo(1);
        assertThat(order.skipAll()).extracting(InventoryUpdate::path).containsExactly("e");
        assertThat(heldCount.value()).isNull();
    }

    private static InventoryUpdate record(long scan, int scanSize, String path) {
        return new InventoryUpdate("acme/app", "refs/heads/main", "c" + scan, path, Trigger.PUSH, scan, scanSize,
                FileOp.CONTENT, FileFacts.PATH_ONLY, List.of());
    }

    /** One ref's value in keyed state, in a field. */
    private static final class MemoryValueState<T> implements ValueState<T> {
        private T value;

        @Override
        public T value() {
            return value;
        }

        @Override
        public void update(T newValue) {
            value = newValue;
        }

        @Override
        public void clear() {
            value = null;
        }
    }

    /** One ref's map in keyed state, in a map. */
    private static final class MemoryMapState<K, V> implements MapState<K, V> {
        final Map<K, V> map = new HashMap<>();

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }

        @Override
        public void putAll(Map<K, V> all) {
            map.putAll(all);
        }

        @Override
        public void remove(K key) {
            map.remove(key);
        }

        @Override
        public boolean contains(K key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return map.entrySet();
        }

        @Override
        public Iterable<K> keys() {
            return map.keySet();
        }

        @Override
        public Iterable<V> values() {
            return map.values();
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return map.entrySet().iterator();
        }

        @Override
        public boolean isEmpty() {
            throw new UnsupportedOperationException("a seek on RocksDB: ScanOrder counts its held scans instead");
        }

        @Override
        public void clear() {
            map.clear();
        }
    }
}
