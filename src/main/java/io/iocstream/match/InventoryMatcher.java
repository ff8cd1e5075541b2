package io.iocstream.match;

import io.iocstream.changes.BranchLifetimes;
import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.core.RecordGuard;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.github.WebLinks;
import io.iocstream.ingest.PushStamp;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.BranchKey;
import io.iocstream.parse.InventoryUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches each branch's inventory (keyed state) against the IOC index (broadcast state). The rules live in plain
 * classes, and this function reads state, calls them and writes state: {@link ScanOrder} applies a ref's scans
 * strictly in push order (a scan still incomplete after {@link #STALL_TIMEOUT} is applied as far as it came, so a
 * lost record cannot hold a ref forever), and {@link BranchInventory} decides what a change, a hunt or a withdrawal
 * opens and resolves.
 *
 * <p>The feeds' lifecycle lives here, in broadcast state: inventory changes wait until the initial feeds are
 * loaded; a new IOC entry is hunted at once in every inventory already in state ({@code applyToKeyedState}); a
 * withdrawn one resolves the findings that no other entry still supports. Entries deferred until the end of the
 * input (a replay's {@code iocs-later/}) are applied per branch when the final watermark arrives: its open findings
 * are judged again if one of them withdraws an entry, then the new ones are hunted.
 *
 * <p>Once every record of a scan is applied (a scan sends exactly as many as it says, a failed file included), the
 * scan's {@link ScanRecord} goes to {@link #SCANS}: what it looked at, read, could not read, and the findings it
 * opened. A scan the ref moves past before it is whole (a stall, the end of a bounded input) is reported then, as
 * incomplete, and the records of it that come later are applied but not counted again.
 *
 * <p>A branch's state ends with it: a deleted ref resolves its open findings ({@code ref_deleted}) and an expired
 * one says them once more as {@code expired} (they stay open); then its inventory and waiting records are cleared,
 * each path by key: the ref keeps the names of its paths beside its inventory ({@link #PATH_NAMES}), so that neither
 * its end nor a tree snapshot iterates keyed state, which on RocksDB seeks over the tombstones of every ref ended
 * before until compaction.
 * Its scan number is kept for {@link BranchLifetimes#ENDED_REF_MEMORY}, so that a ref created again within it is
 * applied after its end, then a timer clears the rest. A ref created again later counts its scans from 1, which
 * starts it afresh.
 *
 * <p>Whatever the matcher fails on (an inventory record, a feed update, a path in a hunt) is a dead letter, and it
 * goes on with the next ({@link RecordGuard}).
 */
public class InventoryMatcher extends KeyedBroadcastProcessFunction<String, InventoryUpdate, FeedUpdate, Finding> {

    // a hand-written serializer: the heap backend copies broadcast state in every checkpoint's synchronous part,
    // and Kryo took seconds to copy or snapshot an index of a million entries
    public static final MapStateDescriptor<String, IocIndex> IOC_INDEX =
            new MapStateDescriptor<>("ioc-index", StringSerializer.INSTANCE, IocIndexSerializer.INSTANCE);

    /** Whether the initial feeds are loaded; until then inventory changes wait in keyed state. */
    public static final MapStateDescriptor<String, Boolean> FEED_STATUS =
            new MapStateDescriptor<>("feed-status", Types.STRING, Types.BOOLEAN);

    private static final String ACTIVE = "active";
    private static final String DEFERRED = "deferred";
    /**
     * The active index as the deferred entries leave it, kept only once one of them withdraws an entry: the
     * findings open when the input ends are judged against it.
     */
    private static final String AFTER_DEFERRED = "after-deferred";
    private static final String READY = "ready";
    /** Set while entries have left the index and the findings they raised are not judged again yet. */
    private static final String WITHDRAWALS_PENDING = "withdrawals-pending";

    // hand-written serializers: Kryo made reading the inventories most of a retro hunt's time on RocksDB
    static final MapStateDescriptor<String, PathState> PATHS =
            new MapStateDescriptor<>("inventory", StringSerializer.INSTANCE, PathStateSerializer.INSTANCE);
    /**
     * The names of a ref's paths, the keys of {@link #PATHS}, kept in step with it (a name is appended when its path
     * is first put; the inventory's paths are removed only all at once, when the ref ends): a ref's end and a tree
     * snapshot resolve its paths by key instead of iterating the inventory. On RocksDB every iteration seeks, and a
     * seek steps over the tombstones of the refs that ended before this one until compaction, which made a burst of
     * deletions superlinear. A list state, as an append is a merge on RocksDB, without reading the list.
     */
    static final ListStateDescriptor<String> PATH_NAMES =
            new ListStateDescriptor<>("inventory-paths", StringSerializer.INSTANCE);
    /**
     * The layout of a ref's keyed state, {@link #LAYOUT} once the ref keeps {@link #PATH_NAMES} and the count of its
     * held scans ({@link ScanOrder}); unset before the ref's first record, and on a ref restored from a savepoint of a
     * build before them (2026-12-06 and earlier), which {@link #ensureLayout} brings to it once.
     */
    static final ValueStateDescriptor<Integer> REF_LAYOUT = new ValueStateDescriptor<>("ref-layout", Types.INT);
    /** Layout 2: the path names and the held scans' count are kept (1: neither, the builds before). */
    static final int LAYOUT = 2;
    static final ListStateDescriptor<InventoryUpdate> PENDING =
            new ListStateDescriptor<>("pending-until-feeds-loaded", InventoryUpdateSerializer.INSTANCE);

    // a ref's place in its scans (ScanOrder)
    private static final MapStateDescriptor<Long, List<InventoryUpdate>> ARRIVED = new MapStateDescriptor<>(
            "scans-arrived", LongSerializer.INSTANCE, new ListSerializer<>(InventoryUpdateSerializer.INSTANCE));
    private static final ValueStateDescriptor<Long> NEXT_SCAN = new ValueStateDescriptor<>("next-scan", Types.LONG);
    private static final ValueStateDescriptor<Integer> APPLIED_OF_NEXT_SCAN =
            new ValueStateDescriptor<>("applied-of-next-scan", Types.INT);
    private static final ValueStateDescriptor<Long> STALLED_AT_SCAN =
            new ValueStateDescriptor<>("stalled-at-scan", Types.LONG);
    static final ValueStateDescriptor<Integer> SCANS_HELD =
            new ValueStateDescriptor<>("scans-held", Types.INT);

    /** One {@link ScanRecord} per scan, once the scan is applied (or given up on). */
    public static final OutputTag<ScanRecord> SCANS = new OutputTag<>("scans") {};

    // the counts of the scans being applied, by scan number, as JSON (ScanTally says why)
    private static final MapStateDescriptor<Long, String> TALLIES = new MapStateDescriptor<>("scan-tallies",
            LongSerializer.INSTANCE, StringSerializer.INSTANCE);

    /**
     * When an ended ref's last state (its scan number) is cleared: the processing time, or {@link #END_PENDING} while
     * the ref ended where no timer could be set (the feeds' initial load), until its stall watch sets one.
     */
    private static final ValueStateDescriptor<Long> ENDED = new ValueStateDescriptor<>("ended-clear-at", Types.LONG);
    private static final long END_PENDING = -1;

    /** How long a ref waits for a missing record of a scan before applying the scan as far as it came. */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(InventoryMatcher.class);

    private final WebLinks links;
    private final DocumentationPolicy documentation;

    private transient MapState<String, PathState> paths;
    private transient ListState<String> pathNames;
    private transient ValueState<Integer> layout;
    private transient ListState<InventoryUpdate> pending;
    private transient ScanOrder order;
    private transient MapState<Long, String> tallies;
    private transient ValueState<Long> ended;
    private transient RecordGuard guard;
    /** The timers of the element or timer being handled; null on the broadcast side, which has none. */
    private transient TimerService timers;
    /** What the gauges show: the index's size when last seen, and when a feed update last arrived. */
    private transient volatile int indexSize;
    private transient volatile long lastFeedUpdateMillis;

    /**
     * A matcher that links findings to files on github.com and counts network indicators in documentation at
     * {@link DocumentationPolicy#LOW} severity.
     */
    public InventoryMatcher() {
        this(new WebLinks(WebLinks.GITHUB_COM), DocumentationPolicy.LOW);
    }

    /** A matcher whose findings link to files on the web site of {@code links}, judging documentation so. */
    public InventoryMatcher(WebLinks links, DocumentationPolicy documentation) {
        this.links = links;
        this.documentation = documentation;
    }

    @Override
    public void open(OpenContext openContext) {
        paths = getRuntimeContext().getMapState(PATHS);
        pathNames = getRuntimeContext().getListState(PATH_NAMES);
        layout = getRuntimeContext().getState(REF_LAYOUT);
        pending = getRuntimeContext().getListState(PENDING);
        order = new ScanOrder(getRuntimeContext().getMapState(ARRIVED), getRuntimeContext().getState(SCANS_HELD),
                getRuntimeContext().getState(NEXT_SCAN), getRuntimeContext().getState(APPLIED_OF_NEXT_SCAN),
                getRuntimeContext().getState(STALLED_AT_SCAN));
        ended = getRuntimeContext().getState(ENDED);
        guard = RecordGuard.of("match", getRuntimeContext());
        tallies = getRuntimeContext().getMapState(TALLIES);
        // broadcast state cannot be read here: the size is known from the first record or feed update on
        lastFeedUpdateMillis = System.currentTimeMillis();
        MetricGroup metrics = JobMetrics.group(getRuntimeContext());
        metrics.gauge(JobMetrics.IOC_ENTRIES, () -> indexSize);
        metrics.gauge(JobMetrics.FEED_AGE_SECONDS,
                () -> (System.currentTimeMillis() - lastFeedUpdateMillis) / 1000);
    }

    @Override
    public void processElement(InventoryUpdate update, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        // fires once the whole input is consumed: the moment to apply deferred IOC entries to this branch
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        IocIndex index = ctx.getBroadcastState(IOC_INDEX).get(ACTIVE);
        indexSize = index == null ? 0 : index.size();
        if (ctx.getBroadcastState(FEED_STATUS).get(READY) == null) {
            pending.add(update);
            // the broadcast side that applies it cannot set timers: one per ref starts the watch from here on
            if (order.watchWhileFeedsLoad()) {
                startStallTimer(ctx.timerService());
            }
            return;
        }
        timers = ctx.timerService();
        try {
            accept(update, index, out, deadLetter -> ctx.output(DeadLetter.TAG, deadLetter),
                    scan -> ctx.output(SCANS, scan));
        } finally {
            timers = null;
        }
        if (order.watch()) {
            startStallTimer(ctx.timerService());
        }
    }

    @Override
    public void processBroadcastElement(FeedUpdate feed, Context ctx, Collector<Finding> out) throws Exception {
        Consumer<DeadLetter> dead = deadLetter -> ctx.output(DeadLetter.TAG, deadLetter);
        // an update that fails keeps what it applied before the failure: every instance applies it alike
        guard.run(() -> applyFeed(feed, ctx, out, dead), feed::origin, feed::toString, dead);
    }

    private void applyFeed(FeedUpdate feed, Context ctx, Collector<Finding> out, Consumer<DeadLetter> dead)
            throws Exception {
        var state = ctx.getBroadcastState(IOC_INDEX);
        boolean ready = ctx.getBroadcastState(FEED_STATUS).get(READY) != null;
        switch (feed.type()) {
            case ENTRIES -> {
                IocIndex index = state.get(ACTIVE) == null ? new IocIndex() : state.get(ACTIVE);
                boolean withdrawn = feed.replaces() != null && index.removeFeed(feed.replaces());
                withdrawn |= withdraws(feed);
                applyTo(index, feed);
                // what the update adds is what to hunt in the inventories already in state
                IocIndex fresh = new IocIndex();
                applyTo(fresh, feed);
                state.put(ACTIVE, index);
                indexSize = index.size();
                lastFeedUpdateMillis = System.currentTimeMillis();
                var status = ctx.getBroadcastState(FEED_STATUS);
                if (withdrawn) {
                    status.put(WITHDRAWALS_PENDING, true);
                }
                boolean judge = feed.complete() && status.get(WITHDRAWALS_PENDING) != null;
                if (judge) {
                    status.remove(WITHDRAWALS_PENDING);
                }
                if (ready && (fresh.size() > 0 || judge)) {
                    ctx.applyToKeyedState(PATHS, (key, inventory) -> {
                        BranchKey branch = BranchKey.parse(key);
                        if (judge) {
                            judgeOpenFindings(branch, inventory, index, out, dead);
                        }
                        retroHunt(branch, inventory, fresh, out, dead);
                    });
                }
            }
            case DEFERRED_ENTRIES -> {
                IocIndex deferred = state.get(DEFERRED) == null ? new IocIndex() : state.get(DEFERRED);
                IocIndex after = state.get(AFTER_DEFERRED);
                if (after == null && withdraws(feed)) {
                    after = activeCopy(state.get(ACTIVE), deferred);
                }
                applyTo(deferred, feed);
                state.put(DEFERRED, deferred);
                if (after != null) {
                    applyTo(after, feed);
                    state.put(AFTER_DEFERRED, after);
                }
            }
            case INITIAL_LOAD_DONE -> {
                if (!ready) {
                    ctx.getBroadcastState(FEED_STATUS).put(READY, true);
                    IocIndex index = state.get(ACTIVE);
                    Consumer<ScanRecord> scans = scan -> ctx.output(SCANS, scan);
                    ctx.applyToKeyedState(PENDING, (key, waiting) -> {
                        for (InventoryUpdate update : waiting.get()) {
                            accept(update, index, out, dead, scans);
                        }
                        waiting.clear();
                    });
                }
            }
            case DEAD_LETTER, UNSUPPORTED_ENTRIES -> {
                // the pipeline splits these off before the matcher
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        Consumer<DeadLetter> dead = deadLetter -> ctx.output(DeadLetter.TAG, deadLetter);
        Consumer<ScanRecord> scans = scan -> ctx.output(SCANS, scan);
        IocIndex index = ctx.getBroadcastState(IOC_INDEX).get(ACTIVE);
        timers = ctx.timerService();
        try {
            onTimer(timestamp, ctx, out, dead, scans, index);
        } finally {
            timers = null;
        }
    }

    private void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out, Consumer<DeadLetter> dead,
            Consumer<ScanRecord> scans, IocIndex index) throws Exception {
        ensureLayout();
        Long clearAt = ended.value();
        if (clearAt != null && clearAt == END_PENDING) {
            scheduleClear();
        } else if (clearAt != null && ctx.timeDomain() == TimeDomain.PROCESSING_TIME && timestamp >= clearAt) {
            // the ref ended a while ago and did not come back: nothing of it is left (a ref that came back and
            // waits for a scan is alive, and its stall watch moves it on)
            if (!order.waiting()) {
                // no scan is part applied, so no tally is left to report (see reportGivenUp); the ref's layout
                // goes with its order (its path list is empty since its end), and a ref of its name starts afresh
                order.clear();
                layout.clear();
            }
            ended.clear();
            return;
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (order.watchingFeedsLoad() && ctx.getBroadcastState(FEED_STATUS).get(READY) == null) {
                // the feeds still load: nothing can be applied yet, and nothing else will start this ref's watch
                ctx.timerService().registerProcessingTimeTimer(timestamp + STALL_TIMEOUT.toMillis());
                return;
            }
            if (order.stalled()) {
                LOG.warn("{}: scan {} incomplete after {}; moving past it", ctx.getCurrentKey(), order.next(),
                        STALL_TIMEOUT);
                List<Long> givenUp = partlyApplied();
                List<InventoryUpdate> ready = order.skipNext();
                // the scan given up on first, then those its skip lets through
                reportGivenUp(givenUp, scans);
                applyAll(ready, index, out, dead, scans);
            }
            order.endWatch();
            if (order.watch()) {
                startStallTimer(ctx.timerService());
            }
            return;
        }
        // the input has ended: nothing that is missing will come
        List<Long> givenUp = new ArrayList<>(partlyApplied());
        List<InventoryUpdate> rest = order.skipAll();
        applyAll(rest, index, out, dead, scans);
        rest.forEach(update -> givenUp.add(update.seq()));
        reportGivenUp(givenUp, scans);
        BranchKey branch = BranchKey.parse(ctx.getCurrentKey());
        IocIndex after = ctx.getBroadcastState(IOC_INDEX).get(AFTER_DEFERRED);
        if (after != null) {
            judgeOpenFindings(branch, paths, after, out, dead);
        }
        IocIndex deferred = ctx.getBroadcastState(IOC_INDEX).get(DEFERRED);
        if (deferred != null) {
            retroHunt(branch, paths, deferred, out, dead);
        }
    }

    private static boolean withdraws(FeedUpdate feed) {
        return feed.entries().stream().anyMatch(IocEntry::withdrawn)
                || feed.indicators().stream().anyMatch(Indicator::withdrawn);
    }

    /** Adds an update's entries and indicators to {@code index}, and removes those it withdraws. */
    private static void applyTo(IocIndex index, FeedUpdate feed) {
        for (IocEntry entry : feed.entries()) {
            if (entry.withdrawn()) {
                index.remove(entry);
            } else {
                index.add(entry);
            }
        }
        for (Indicator indicator : feed.indicators()) {
            if (indicator.withdrawn()) {
                index.remove(indicator);
            } else {
                index.add(indicator);
            }
        }
    }

    /** The active index with the deferred entries so far added: where deferred withdrawals are applied. */
    private static IocIndex activeCopy(IocIndex active, IocIndex deferred) {
        IocIndex after = active == null ? new IocIndex() : active.copy();
        after.addAll(deferred);
        return after;
    }

    /** While scans wait, a processing-time timer checks that the ref moves on. */
    private static void startStallTimer(TimerService timers) {
        timers.registerProcessingTimeTimer(timers.currentProcessingTime() + STALL_TIMEOUT.toMillis());
    }

    /** Applies what the ref's scan order lets through of this record. */
    private void accept(InventoryUpdate update, IocIndex index, Collector<Finding> out, Consumer<DeadLetter> dead,
            Consumer<ScanRecord> scans) throws Exception {
        ensureLayout();
        if (ended.value() != null && update.seq() == 1 && update.seq() < order.next()) {
            // the ref ended and the planner forgot it: created again, it counts its scans from 1
            order.clear();
        }
        if (update.seq() < order.next()) {
            // a late record of a scan given up on, which was reported then: applied, not counted again
            apply(update, index, out::collect, dead);
            return;
        }
        applyAll(order.accept(update), index, out, dead, scans);
    }

    private void applyAll(List<InventoryUpdate> updates, IocIndex index, Collector<Finding> out,
            Consumer<DeadLetter> dead, Consumer<ScanRecord> scans) throws Exception {
        for (InventoryUpdate update : updates) {
            String json = tallies.get(update.seq());
            ScanTally tally = json == null ? ScanTally.of(update) : ScanTally.fromJson(json);
            tally.count(update);
            apply(update, index, finding -> {
                tally.finding(finding);
                out.collect(finding);
            }, dead);
            if (tally.whole()) {
                if (json != null) {
                    // a scan whole at its first record was never stored: a remove would only leave a tombstone
                    tallies.remove(update.seq());
                }
                scans.accept(tally.record(true, Instant.now()));
            } else {
                tallies.put(update.seq(), tally.toJson());
            }
        }
    }

    /** The ref's next scan while part of it is applied: the one scan that can have a tally stored. */
    private List<Long> partlyApplied() throws Exception {
        return order.partlyApplied() ? List.of(order.next()) : List.of();
    }

    /**
     * Reports, as incomplete, the tallies stored of {@code givenUp}, scans the ref moved past: they will not be whole.
     * A tally is stored only while its scan is part applied, and only the next scan can be, so the callers know
     * which scans to look up. They are looked up by key, never by iterating the tallies: scans put and remove their
     * tallies all the time, and on RocksDB an iteration walks over the tombstones of every ref after this one until
     * compaction, which made clearing a burst of ended refs quadratic.
     */
    private void reportGivenUp(Collection<Long> givenUp, Consumer<ScanRecord> scans) throws Exception {
        for (Long seq : new TreeSet<>(givenUp)) {
            String json = tallies.get(seq);
            if (json != null) {
                scans.accept(ScanTally.fromJson(json).record(false, Instant.now()));
                tallies.remove(seq);
            }
        }
    }

    /**
     * Applies one record. One the matcher fails on is a dead letter and counts as applied: its path keeps its state
     * and findings, as a path's hits are looked up before anything of it is written.
     */
    private void apply(InventoryUpdate update, IocIndex index, Consumer<Finding> out, Consumer<DeadLetter> dead)
            throws Exception {
        guard.run(() -> change(update, index, out), () -> origin(update.branch(), update.commit(), update.path()),
                () -> update.op() + " " + update.facts(), dead);
    }

    private void change(InventoryUpdate update, IocIndex index, Consumer<Finding> out) throws Exception {
        BranchInventory inventory = new BranchInventory(update.branch(), out, links, documentation);
        if (update.op() != FileOp.REF_DELETED && update.op() != FileOp.REF_EXPIRED && ended.value() != null) {
            ended.clear(); // the ref lives again
        }
        switch (update.op()) {
            case CONTENT, LISTED, REMOVED, FAILED -> {
                PathState before = paths.get(update.path());
                PathState after = inventory.change(update, before, index);
                if (after != null) {
                    putPath(update.path(), before, after);
                }
            }
            case EMPTY -> {
                // nothing to change: the record only completes its scan
            }
            case SNAPSHOT -> {
                // the paths the snapshot lists are not read: removeAbsent keeps them as they are
                Set<String> present = new HashSet<>(update.presentPaths());
                paths.putAll(inventory.removeAbsent(update, entriesOf(pathNames(), name -> !present.contains(name))));
            }
            case REF_DELETED -> {
                List<Map.Entry<String, PathState>> all = entriesOf(pathNames(), name -> true);
                inventory.removeAbsent(update, all);
                end(all);
            }
            case REF_EXPIRED -> {
                List<Map.Entry<String, PathState>> all = entriesOf(pathNames(), name -> true);
                inventory.expire(all);
                end(all);
            }
        }
        if (update.op() != FileOp.REF_DELETED && update.op() != FileOp.REF_EXPIRED && index != null
                && index.hasRefIndicators()) {
            // any record of a ref says it was pushed to: the ref's own name is judged once per ref
            String ref = update.branch().ref();
            PathState before = paths.get(ref);
            if (before == null || before.open().isEmpty() && before.seq() < update.seq()) {
                PathState after = inventory.refChange(update.commit(), update.seq(), update.trigger(), before,
                        update.pushed(), index);
                if (after != null) {
                    putPath(ref, before, after);
                }
            }
        }
        if (update.op() != FileOp.REF_DELETED && update.op() != FileOp.REF_EXPIRED
                && update.pushed().fromRepositoryEvent()) {
            // a repository event's scan: the repository itself is judged once, on the branch the event named
            PathState before = paths.get(BranchInventory.REPOSITORY_PATH);
            if (before == null || before.open().isEmpty() && before.seq() < update.seq()) {
                putPath(BranchInventory.REPOSITORY_PATH, before, inventory.repositoryChange(update.commit(),
                        update.seq(), update.trigger(), before, update.pushed(), index));
            }
        }
    }

    /**
     * Brings the current ref's state to {@link #LAYOUT}. A ref with nothing applied and no stall watch has an empty
     * inventory and holds no scan (a ref that holds one is watched), so its layout starts complete, without reading
     * anything. Any other ref without a layout was restored from an earlier build: its inventory's keys and its held
     * scans are iterated this once, to write its path list and its count of held scans.
     */
    private void ensureLayout() throws Exception {
        if (layout.value() != null) {
            return;
        }
        if (order.begun() || order.watching()) {
            List<String> names = new ArrayList<>();
            for (String name : paths.keys()) {
                names.add(name);
            }
            pathNames.update(names);
            order.countHeld();
        }
        layout.update(LAYOUT);
    }

    /** Puts a path's new state; a path new to the inventory ({@code before} is null) joins the ref's path list. */
    private void putPath(String path, PathState before, PathState after) throws Exception {
        if (before == null) {
            ensureLayout(); // a retro hunt may reach a ref restored from an earlier build before its records do
            pathNames.add(path);
        }
        paths.put(path, after);
    }

    /** The names of the ref's paths, from its path list. */
    private List<String> pathNames() throws Exception {
        List<String> names = new ArrayList<>();
        Iterable<String> listed = pathNames.get();
        if (listed != null) {
            listed.forEach(names::add);
        }
        return names;
    }

    /** The states of the named paths that {@code wanted} accepts, each read by key. */
    private List<Map.Entry<String, PathState>> entriesOf(List<String> names, Predicate<String> wanted)
            throws Exception {
        List<Map.Entry<String, PathState>> entries = new ArrayList<>();
        for (String name : names) {
            PathState state = wanted.test(name) ? paths.get(name) : null;
            if (state != null) {
                entries.add(Map.entry(name, state));
            }
        }
        return entries;
    }

    /**
     * The ref ended: its inventory ({@code all} its paths) and waiting records go now; its scan order stays until
     * the clear timer, so that the scans of a ref created again soon are applied after its end, and so does its
     * layout (its path list, empty now, is still complete). The paths are removed by key: {@code clear()} would seek
     * into the inventory, and on RocksDB each seek walks over the tombstones the refs ended before this one left,
     * until compaction.
     */
    private void end(List<Map.Entry<String, PathState>> all) throws Exception {
        for (Map.Entry<String, PathState> entry : all) {
            paths.remove(entry.getKey());
        }
        pathNames.clear();
        pending.clear();
        ended.update(END_PENDING);
        if (timers != null) {
            scheduleClear();
            timers.deleteEventTimeTimer(Long.MAX_VALUE);
        }
    }

    private void scheduleClear() throws Exception {
        long at = timers.currentProcessingTime() + BranchLifetimes.ENDED_REF_MEMORY.toMillis();
        timers.registerProcessingTimeTimer(at);
        ended.update(at);
    }

    /** Looks for {@code fresh} entries in one branch's inventory, opening findings that are not open yet. */
    private void retroHunt(BranchKey branch, MapState<String, PathState> inventory, IocIndex fresh,
            Collector<Finding> out, Consumer<DeadLetter> dead) throws Exception {
        if (fresh.size() > 0) {
            BranchInventory branchInventory = new BranchInventory(branch, out::collect, links, documentation);
            inventory.putAll(branchInventory.retroHunt(inventory.entries(), guardedLookUp(fresh, branch, dead)));
            // a branch seen before its ref indicator arrived (looked up only when the update names its ref)
            if (!fresh.refHits(branch.ref()).isEmpty() && inventory.get(branch.ref()) == null) {
                PathState after = branchInventory.refChange(newestCommit(inventory), 0, Trigger.RETRO_HUNT, null,
                        PushStamp.NONE, fresh);
                if (after != null) {
                    putPath(branch.ref(), null, after);
                }
            }
        }
    }

    /** Judges every open finding of one branch again against {@code index}: entries left it. */
    private void judgeOpenFindings(BranchKey branch, MapState<String, PathState> inventory, IocIndex index,
            Collector<Finding> out, Consumer<DeadLetter> dead) throws Exception {
        BranchInventory branchInventory = new BranchInventory(branch, out::collect, links, documentation);
        inventory.putAll(branchInventory.judgeOpenFindings(inventory.entries(), guardedLookUp(index, branch, dead)));
    }

    /** A path's hits in a hunt; null when the matcher fails on it (a dead letter: the path keeps its state). */
    private BranchInventory.Lookup guardedLookUp(IocIndex index, BranchKey branch, Consumer<DeadLetter> dead) {
        return (path, state) -> guard.call(() -> BranchInventory.hitsOf(index, branch, path, state, documentation),
                () -> origin(branch, state.commit(), path), () -> "hunt " + state.facts(), dead);
    }

    /** The commit of the newest path of a branch: what a ref finding of a retro hunt names. */
    private static String newestCommit(MapState<String, PathState> inventory) throws Exception {
        PathState newest = null;
        for (PathState state : inventory.values()) {
            if (newest == null || state.seq() > newest.seq()) {
                newest = state;
            }
        }
        return newest == null ? null : newest.commit();
    }

    private static String origin(BranchKey branch, String commit, String path) {
        return branch.repo() + "@" + commit + ":" + path + " (" + branch.ref() + ")";
    }
}
