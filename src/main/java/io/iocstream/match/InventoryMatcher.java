package io.iocstream.match;

import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.core.RecordGuard;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.BranchKey;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches each branch's dependency inventory (keyed state) against the IOC index (broadcast state).
 *
 * <p>A ref's scans are applied strictly in push order: records of a scan are held until the scan is whole
 * (every record knows the scan's size) and every earlier scan of the ref is applied, because batched fetching
 * lets a later push's files overtake an earlier one's, and findings are events: a bad version that came and went
 * must still be reported, opened and then resolved. A scan still incomplete after {@link #STALL_TIMEOUT} is
 * applied as far as it came, so a lost record cannot hold a ref forever.
 *
 * <p>Inventory changes open findings for new hits (a dependency, a file's hash, name or host, a workflow's name
 * or runner label) and resolve findings whose dependency, file or ref is gone. A new IOC entry is hunted at once
 * in every inventory already in state ({@code applyToKeyedState}); a withdrawn one resolves the findings that
 * no other entry still supports. Entries deferred until the end of the input (a replay's {@code iocs-later/}) are
 * applied per branch when the final watermark arrives: its open findings are judged again if one of them withdraws
 * an entry, then the new ones are hunted.
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
    static final ListStateDescriptor<InventoryUpdate> PENDING =
            new ListStateDescriptor<>("pending-until-feeds-loaded", InventoryUpdateSerializer.INSTANCE);

    static final MapStateDescriptor<Long, List<InventoryUpdate>> ARRIVED = new MapStateDescriptor<>(
            "scans-arrived", LongSerializer.INSTANCE, new ListSerializer<>(InventoryUpdateSerializer.INSTANCE));

    /** How long a ref waits for a missing record of a scan before applying the scan as far as it came. */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(10);
    /**
     * The scan a ref's stall timer watches while its records wait for the feeds: none (scans count from 1), so
     * that timer never skips a scan, it only starts the watch.
     */
    private static final long FEEDS_LOADING = 0;

    private static final Logger LOG = LoggerFactory.getLogger(InventoryMatcher.class);

    private transient MapState<String, PathState> paths;
    private transient ListState<InventoryUpdate> pending;
    private transient MapState<Long, List<InventoryUpdate>> arrived;
    private transient ValueState<Long> nextSeq;
    private transient ValueState<Long> stalledAt;
    private transient ValueState<Integer> appliedOfNext;
    private transient RecordGuard guard;

    @Override
    public void open(OpenContext openContext) {
        paths = getRuntimeContext().getMapState(PATHS);
        pending = getRuntimeContext().getListState(PENDING);
        arrived = getRuntimeContext().getMapState(ARRIVED);
        nextSeq = getRuntimeContext().getState(new ValueStateDescriptor<>("next-scan", Types.LONG));
        stalledAt = getRuntimeContext().getState(new ValueStateDescriptor<>("stalled-at-scan", Types.LONG));
        appliedOfNext = getRuntimeContext().getState(new ValueStateDescriptor<>("applied-of-next-scan", Types.INT));
        guard = RecordGuard.of("match", getRuntimeContext());
    }

    @Override
    public void processElement(InventoryUpdate update, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        // fires once the whole input is consumed: the moment to apply deferred IOC entries to this branch
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        IocIndex index = ctx.getBroadcastState(IOC_INDEX).get(ACTIVE);
        if (ctx.getBroadcastState(FEED_STATUS).get(READY) == null) {
            pending.add(update);
            // the broadcast side that applies it cannot set timers: one per ref starts the watch from here on
            if (stalledAt.value() == null) {
                stalledAt.update(FEEDS_LOADING);
                TimerService timers = ctx.timerService();
                timers.registerProcessingTimeTimer(timers.currentProcessingTime() + STALL_TIMEOUT.toMillis());
            }
            return;
        }
        accept(update, index, out, deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
        watchForStall(ctx.timerService());
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
                        if (judge) {
                            judgeOpenFindings(key, inventory, index, out, dead);
                        }
                        retroHunt(key, inventory, fresh, out, dead);
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
                    ctx.applyToKeyedState(PENDING, (key, waiting) -> {
                        for (InventoryUpdate update : waiting.get()) {
                            accept(update, index, out, dead);
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
        IocIndex index = ctx.getBroadcastState(IOC_INDEX).get(ACTIVE);
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            Long stalled = stalledAt.value();
            if (stalled != null && stalled == FEEDS_LOADING && ctx.getBroadcastState(FEED_STATUS).get(READY) == null) {
                // the feeds still load: nothing can be applied yet, and nothing else will start this ref's watch
                ctx.timerService().registerProcessingTimeTimer(timestamp + STALL_TIMEOUT.toMillis());
                return;
            }
            if (stalled != null && stalled == next() && waiting()) {
                LOG.warn("{}: scan {} incomplete after {}; moving past it", ctx.getCurrentKey(), stalled,
                        STALL_TIMEOUT);
                skipNext(index, out, dead);
            }
            stalledAt.clear();
            watchForStall(ctx.timerService());
            return;
        }
        // the input has ended: nothing that is missing will come
        while (waiting()) {
            skipNext(index, out, dead);
        }
        IocIndex after = ctx.getBroadcastState(IOC_INDEX).get(AFTER_DEFERRED);
        if (after != null) {
            judgeOpenFindings(ctx.getCurrentKey(), paths, after, out, dead);
        }
        IocIndex deferred = ctx.getBroadcastState(IOC_INDEX).get(DEFERRED);
        if (deferred != null) {
            retroHunt(ctx.getCurrentKey(), paths, deferred, out, dead);
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

    /**
     * Applies a record of the ref's next scan at once, and holds a later scan's record until every earlier scan
     * is applied. Order matters between scans, not within one: a scan's records name different paths.
     */
    private void accept(InventoryUpdate update, IocIndex index, Collector<Finding> out, Consumer<DeadLetter> dead)
            throws Exception {
        if (update.seq() < next()) {
            // its scan was given up on as stalled; the per-path order still keeps it from undoing newer changes
            apply(update, index, out, dead);
            return;
        }
        if (update.seq() == next()) {
            applyInOrder(update, index, out, dead);
            return;
        }
        List<InventoryUpdate> scan = arrived.get(update.seq());
        List<InventoryUpdate> grown = scan == null ? new ArrayList<>() : new ArrayList<>(scan);
        grown.add(update);
        arrived.put(update.seq(), grown);
    }

    /** Applies a record of the next scan; once the scan has all its records, moves on to the scans held after it. */
    private void applyInOrder(InventoryUpdate update, IocIndex index, Collector<Finding> out,
            Consumer<DeadLetter> dead) throws Exception {
        apply(update, index, out, dead);
        int applied = (appliedOfNext.value() == null ? 0 : appliedOfNext.value()) + 1;
        if (applied < update.scanSize()) {
            appliedOfNext.update(applied);
            return;
        }
        appliedOfNext.clear();
        nextSeq.update(update.seq() + 1);
        drain(index, out, dead);
    }

    /** Applies the records already held of the (new) next scan. */
    private void drain(IocIndex index, Collector<Finding> out, Consumer<DeadLetter> dead) throws Exception {
        long next = next();
        List<InventoryUpdate> held = arrived.get(next);
        if (held != null) {
            arrived.remove(next);
            for (InventoryUpdate update : held) {
                applyInOrder(update, index, out, dead);
            }
        }
    }

    /** Whether the ref waits: for the rest of its next scan, or with later scans held. */
    private boolean waiting() throws Exception {
        return appliedOfNext.value() != null || !arrived.isEmpty();
    }

    /**
     * Gives up on the rest of the next scan: moves past it when part of it was applied, else on to the lowest
     * scan held (the next one never came at all), and applies what is held from there.
     */
    private void skipNext(IocIndex index, Collector<Finding> out, Consumer<DeadLetter> dead) throws Exception {
        if (appliedOfNext.value() != null) {
            appliedOfNext.clear();
            nextSeq.update(next() + 1);
        } else {
            long lowest = Long.MAX_VALUE;
            for (Long seq : arrived.keys()) {
                lowest = Math.min(lowest, seq);
            }
            nextSeq.update(lowest);
        }
        drain(index, out, dead);
    }

    /** The sequence number of the ref's next scan to apply; scans count from 1. */
    private long next() throws Exception {
        Long next = nextSeq.value();
        return next == null ? 1 : next;
    }

    /** While scans wait, a processing-time timer checks that the ref moves on. */
    private void watchForStall(TimerService timers) throws Exception {
        if (waiting() && stalledAt.value() == null) {
            stalledAt.update(next());
            timers.registerProcessingTimeTimer(timers.currentProcessingTime() + STALL_TIMEOUT.toMillis());
        }
    }

    /**
     * Applies one record. One the matcher fails on is a dead letter and counts as applied: its path keeps its state
     * and findings, as a path's hits are looked up before anything of it is written.
     */
    private void apply(InventoryUpdate update, IocIndex index, Collector<Finding> out, Consumer<DeadLetter> dead)
            throws Exception {
        guard.run(() -> change(update, index, out), () -> origin(update.repo(), update.ref(), update.commit(),
                update.path()), () -> update.op() + " " + update.facts(), dead);
    }

    private void change(InventoryUpdate update, IocIndex index, Collector<Finding> out) throws Exception {
        switch (update.op()) {
            case CONTENT, LISTED, REMOVED, FAILED -> {
                PathState before = paths.get(update.path());
                FileFacts facts = factsAfter(update, before);
                if ((before == null || before.seq() <= update.seq()) && (update.op() != FileOp.FAILED || facts != null)) {
                    List<Hit> hits = hitsOf(index, update.path(), facts);
                    paths.put(update.path(), reconcile(update.repo(), update.ref(), update.commit(), update.seq(),
                            update.trigger(), update.path(), before, facts, hits, out));
                }
            }
            case EMPTY -> {
                // nothing to change: the record only completes its scan
            }
            case SNAPSHOT, REF_DELETED -> {
                Set<String> present = new HashSet<>(update.presentPaths());
                Map<String, PathState> gone = new HashMap<>();
                for (Map.Entry<String, PathState> entry : paths.entries()) {
                    if (!present.contains(entry.getKey()) && entry.getValue().seq() < update.seq()) {
                        gone.put(entry.getKey(), entry.getValue());
                    }
                }
                for (Map.Entry<String, PathState> entry : gone.entrySet()) {
                    paths.put(entry.getKey(), reconcile(update.repo(), update.ref(), update.commit(), update.seq(),
                            update.trigger(), entry.getKey(), entry.getValue(), null, List.of(), out));
                }
            }
        }
    }

    /**
     * What the inventory knows of a path after this record: a read file's facts; none for a removed one; for a
     * file only listed (too large to read) the content facts read before, if any, since a listing says nothing
     * of its bytes; for a file that failed to parse its new hash and hosts with the dependencies and workflow
     * facts read before (a broken lockfile must not make a bad version look gone, and must not hide its hash);
     * for a file read in part, what it says now and what it said before (a skipped entry may be the one that held
     * a bad version); null for a FAILED record that carries nothing (a fetch that failed): the path stays as it was.
     */
    private static FileFacts factsAfter(InventoryUpdate update, PathState before) {
        FileFacts known = before != null && before.present() ? before.facts() : null;
        FileFacts facts = update.facts();
        return switch (update.op()) {
            case REMOVED -> null;
            case LISTED -> known != null ? known : FileFacts.PATH_ONLY;
            case FAILED -> facts == null ? null : new FileFacts(
                    known == null ? List.of() : known.dependencies(), facts.sha256(), facts.hosts(),
                    known == null ? List.of() : known.workflowValues());
            case CONTENT -> known == null || !facts.readInPart() ? facts : new FileFacts(
                    union(facts.dependencies(), known.dependencies()), facts.sha256(), facts.hosts(),
                    union(facts.workflowValues(), known.workflowValues()), facts.skippedEntries());
            default -> facts;
        };
    }

    private static <T> List<T> union(List<T> now, List<T> before) {
        Set<T> union = new LinkedHashSet<>(now);
        union.addAll(before);
        return new ArrayList<>(union);
    }

    /**
     * Opens findings for new {@code hits}, those of the path's {@code facts} (null: the path is gone), and resolves
     * the path's findings that are no longer hit.
     */
    private static PathState reconcile(String repo, String ref, String commit, long seq, Trigger trigger,
            String path, PathState before, FileFacts facts, List<Hit> hits, Collector<Finding> out) {
        Map<String, Hit> open = before == null ? new HashMap<>() : new HashMap<>(before.open());
        Set<String> stillHit = new HashSet<>();
        for (Hit hit : hits) {
            String id = hit.findingId(repo, ref, path);
            stillHit.add(id);
            if (open.put(id, hit) == null) {
                out.collect(Findings.open(repo, ref, commit, path, hit, trigger));
            }
        }
        for (String id : new ArrayList<>(open.keySet())) {
            if (!stillHit.contains(id)) {
                out.collect(Findings.resolved(repo, ref, commit, path, open.remove(id), trigger));
            }
        }
        return new PathState(seq, commit, facts, open);
    }

    private static List<Hit> hitsOf(IocIndex index, String path, FileFacts facts) {
        return index == null || facts == null ? List.of() : index.hits(path, facts);
    }

    /** Looks for {@code fresh} entries in one branch's inventory, opening findings that are not open yet. */
    private void retroHunt(String branchKey, MapState<String, PathState> inventory, IocIndex fresh,
            Collector<Finding> out, Consumer<DeadLetter> dead) throws Exception {
        if (fresh.size() == 0) {
            return;
        }
        BranchKey branch = BranchKey.parse(branchKey);
        String repo = branch.repo();
        String ref = branch.ref();
        Map<String, PathState> changed = new HashMap<>();
        for (Map.Entry<String, PathState> entry : inventory.entries()) {
            PathState state = entry.getValue();
            List<Hit> hits = lookUp(fresh, branch, entry.getKey(), state, dead);
            if (hits == null || hits.isEmpty()) {
                continue;
            }
            Map<String, Hit> open = new HashMap<>(state.open());
            for (Hit hit : hits) {
                String id = hit.findingId(repo, ref, entry.getKey());
                if (!open.containsKey(id)) {
                    out.collect(Findings.open(repo, ref, state.commit(), entry.getKey(), hit, Trigger.RETRO_HUNT));
                    open.put(id, hit);
                }
            }
            if (open.size() != state.open().size()) {
                changed.put(entry.getKey(), new PathState(state.seq(), state.commit(), state.facts(), open));
            }
        }
        inventory.putAll(changed);
    }

    /**
     * Entries left the index: every open finding is judged again against what it still holds, so one that no
     * entry supports any more resolves (whichever entries it was opened for: another feed may have named the same
     * package since, and a list's line ids shift when it is edited).
     */
    private void judgeOpenFindings(String branchKey, MapState<String, PathState> inventory, IocIndex index,
            Collector<Finding> out, Consumer<DeadLetter> dead) throws Exception {
        BranchKey branch = BranchKey.parse(branchKey);
        Map<String, PathState> changed = new HashMap<>();
        for (Map.Entry<String, PathState> entry : inventory.entries()) {
            PathState state = entry.getValue();
            List<Hit> hits = state.open().isEmpty() ? null : lookUp(index, branch, entry.getKey(), state, dead);
            if (hits != null) {
                changed.put(entry.getKey(), reconcile(branch.repo(), branch.ref(), state.commit(),
                        state.seq(), Trigger.RETRO_HUNT, entry.getKey(), state, state.facts(), hits, out));
            }
        }
        inventory.putAll(changed);
    }

    /** A path's hits in a hunt; null when the matcher fails on it (a dead letter: the path keeps its state). */
    private List<Hit> lookUp(IocIndex index, BranchKey branch, String path, PathState state,
            Consumer<DeadLetter> dead) {
        return guard.call(() -> hitsOf(index, path, state.facts()),
                () -> origin(branch.repo(), branch.ref(), state.commit(), path),
                () -> "hunt " + state.facts(), dead);
    }

    private static String origin(String repo, String ref, String commit, String path) {
        return repo + "@" + commit + ":" + path + " (" + ref + ")";
    }
}
