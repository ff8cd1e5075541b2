package io.iocstream.match;

import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * A ref's scans in push order. Batched fetching lets a later push's files overtake an earlier one's, and findings
 * are events (a bad version that came and went must be reported opened, then resolved), so a record of a later scan
 * is held until every earlier scan is whole: every record knows the size of its scan. Order matters between scans,
 * not within one: a scan's records name different paths. A stall watch lets a ref that lost a record move past the
 * scan it waits on ({@link #stalled}, {@link #skipNext}).
 *
 * <p>How many scans are held is counted beside them, so that whether the ref waits is two point reads: asking the
 * map ({@code isEmpty}) is a seek on RocksDB, which steps over the tombstones of the scans held and taken before, of
 * this ref and the refs after it, until compaction.
 */
final class ScanOrder {

    /**
     * The scan a ref's watch names while its records wait for the feeds: none (scans count from 1), so that watch
     * never skips a scan, it only starts the watching.
     */
    static final long FEEDS_LOADING = 0;

    private final MapState<Long, List<InventoryUpdate>> held;
    private final ValueState<Integer> heldCount;
    private final ValueState<Long> nextScan;
    private final ValueState<Integer> appliedOfNext;
    private final ValueState<Long> watched;

    /**
     * A ref's order in keyed state (the matcher's handles, set to the current ref by Flink).
     *
     * @param held          the records held of later scans, by scan
     * @param heldCount     how many scans {@code held} holds; unset for none
     * @param nextScan      the next scan to apply; unset before the first (scans count from 1)
     * @param appliedOfNext how many records of the next scan are applied; unset for none
     * @param watched       the next scan when the running stall watch began; unset while none runs
     */
    ScanOrder(MapState<Long, List<InventoryUpdate>> held, ValueState<Integer> heldCount, ValueState<Long> nextScan,
            ValueState<Integer> appliedOfNext, ValueState<Long> watched) {
        this.held = held;
        this.heldCount = heldCount;
        this.nextScan = nextScan;
        this.appliedOfNext = appliedOfNext;
        this.watched = watched;
    }

    /**
     * What to apply now, in order: a record of the next scan and the held records it lets through, or a record of a
     * scan given up on; nothing when the record waits for an earlier scan.
     */
    List<InventoryUpdate> accept(InventoryUpdate update) throws Exception {
        List<InventoryUpdate> ready = new ArrayList<>();
        if (update.seq() < next()) {
            // its scan was given up on as stalled; the per-path order still keeps it from undoing newer changes
            ready.add(update);
        } else if (update.seq() == next()) {
            takeInOrder(update, ready);
        } else {
            List<InventoryUpdate> scan = held.get(update.seq());
            List<InventoryUpdate> grown = scan == null ? new ArrayList<>() : new ArrayList<>(scan);
            grown.add(update);
            held.put(update.seq(), grown);
            if (scan == null) {
                heldCount.update(heldScans() + 1);
            }
        }
        return ready;
    }

    /**
     * Gives up on the rest of the next scan: moves past it when part of it was applied, else on to the lowest scan
     * held (the next one never came at all); what is held from there on is to be applied now, in order.
     */
    List<InventoryUpdate> skipNext() throws Exception {
        if (appliedOfNext.value() != null) {
            appliedOfNext.clear();
            nextScan.update(next() + 1);
        } else {
            long lowest = Long.MAX_VALUE;
            for (Long scan : held.keys()) {
                lowest = Math.min(lowest, scan);
            }
            nextScan.update(lowest);
        }
        List<InventoryUpdate> ready = new ArrayList<>();
        drain(ready);
        return ready;
    }

    /** The input has ended, nothing missing will come: everything held, in order. */
    List<InventoryUpdate> skipAll() throws Exception {
        List<InventoryUpdate> ready = new ArrayList<>();
        while (waiting()) {
            ready.addAll(skipNext());
        }
        return ready;
    }

    /** Whether the ref waits: for the rest of its next scan, or with later scans held. */
    boolean waiting() throws Exception {
        return partlyApplied() || heldScans() > 0;
    }

    /** How many scans are held. */
    private int heldScans() throws Exception {
        Integer count = heldCount.value();
        return count == null ? 0 : count;
    }

    /**
     * Counts the scans held, by iterating them: for a ref restored from a build that did not count them (the caller
     * asks once per ref).
     */
    void countHeld() throws Exception {
        int count = 0;
        for (Long ignored : held.keys()) {
            count++;
        }
        if (count > 0) {
            heldCount.update(count);
        } else {
            heldCount.clear();
        }
    }

    /** Whether any record of the ref was applied since its scans last counted from 1 (held ones are not). */
    boolean begun() throws Exception {
        return nextScan.value() != null || appliedOfNext.value() != null;
    }

    /** Whether a stall watch runs (which it does whenever the ref waits, see {@link #watch}). */
    boolean watching() throws Exception {
        return watched.value() != null;
    }

    /** Whether part of the next scan is applied and the rest waited for. */
    boolean partlyApplied() throws Exception {
        return appliedOfNext.value() != null;
    }

    /** The ref's next scan to apply; scans count from 1. */
    long next() throws Exception {
        Long next = nextScan.value();
        return next == null ? 1 : next;
    }

    /** Starts a stall watch if the ref waits and none runs; whether it did (the caller sets its timer). */
    boolean watch() throws Exception {
        if (watched.value() == null && waiting()) {
            watched.update(next());
            return true;
        }
        return false;
    }

    /** Starts the watch of a ref whose records wait for the feeds, if none runs; whether it did. */
    boolean watchWhileFeedsLoad() throws Exception {
        if (watched.value() == null) {
            watched.update(FEEDS_LOADING);
            return true;
        }
        return false;
    }

    /** Whether the running watch began while the feeds loaded. */
    boolean watchingFeedsLoad() throws Exception {
        Long scan = watched.value();
        return scan != null && scan == FEEDS_LOADING;
    }

    /** At the watch's timer: whether the ref still waits on the scan the watch began at. */
    boolean stalled() throws Exception {
        Long scan = watched.value();
        return scan != null && scan == next() && waiting();
    }

    /** Forgets the ref's order: its scans count from 1 again (a ref ended, or created again after it ended). */
    void clear() throws Exception {
        if (heldScans() > 0) {
            // clear() iterates the map: only when something is held
            held.clear();
            heldCount.clear();
        }
        nextScan.clear();
        appliedOfNext.clear();
        watched.clear();
    }

    /** Ends the running watch (its timer fired). */
    void endWatch() throws Exception {
        watched.clear();
    }

    /** Takes a record of the next scan; once the scan has all its records, the scans held after it. */
    private void takeInOrder(InventoryUpdate update, List<InventoryUpdate> ready) throws Exception {
        ready.add(update);
        int applied = (appliedOfNext.value() == null ? 0 : appliedOfNext.value()) + 1;
        if (applied < update.scanSize()) {
            appliedOfNext.update(applied);
            return;
        }
        appliedOfNext.clear();
        nextScan.update(update.seq() + 1);
        drain(ready);
    }

    /** Takes the records already held of the (new) next scan. */
    private void drain(List<InventoryUpdate> ready) throws Exception {
        if (heldScans() == 0) {
            return;
        }
        long next = next();
        List<InventoryUpdate> scan = held.get(next);
        if (scan != null) {
            held.remove(next);
            int count = heldScans() - 1;
            if (count > 0) {
                heldCount.update(count);
            } else {
                heldCount.clear();
            }
            for (InventoryUpdate update : scan) {
                takeInOrder(update, ready);
            }
        }
    }
}
