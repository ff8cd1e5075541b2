package io.iocstream.match;

import io.iocstream.fetch.FileOp;
import io.iocstream.findings.Finding;
import io.iocstream.findings.Findings;
import io.iocstream.findings.Trigger;
import io.iocstream.parse.Dependency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Matches each branch's dependency inventory (keyed state) against the IOC index (broadcast state).
 *
 * <p>Inventory changes open findings for new hits and resolve findings whose dependency, file or ref is gone.
 * A new IOC entry is hunted at once in every inventory already in state ({@code applyToKeyedState}); entries
 * deferred until the end of the input (a replay's {@code iocs-later/}) are hunted per branch when the final
 * watermark arrives.
 */
public class InventoryMatcher extends KeyedBroadcastProcessFunction<String, InventoryUpdate, FeedUpdate, Finding> {

    public static final MapStateDescriptor<String, IocIndex> IOC_INDEX =
            new MapStateDescriptor<>("ioc-index", Types.STRING, TypeInformation.of(IocIndex.class));

    /** Whether the initial feeds are loaded; until then inventory changes wait in keyed state. */
    public static final MapStateDescriptor<String, Boolean> FEED_STATUS =
            new MapStateDescriptor<>("feed-status", Types.STRING, Types.BOOLEAN);

    private static final String ACTIVE = "active";
    private static final String DEFERRED = "deferred";
    private static final String READY = "ready";

    static final MapStateDescriptor<String, PathState> PATHS =
            new MapStateDescriptor<>("inventory", Types.STRING, TypeInformation.of(PathState.class));
    static final ListStateDescriptor<InventoryUpdate> PENDING =
            new ListStateDescriptor<>("pending-until-feeds-loaded", TypeInformation.of(InventoryUpdate.class));

    private transient MapState<String, PathState> paths;
    private transient ListState<InventoryUpdate> pending;

    @Override
    public void open(OpenContext openContext) {
        paths = getRuntimeContext().getMapState(PATHS);
        pending = getRuntimeContext().getListState(PENDING);
    }

    @Override
    public void processElement(InventoryUpdate update, ReadOnlyContext ctx, Collector<Finding> out)
            throws Exception {
        // fires once the whole input is consumed: the moment to apply deferred IOC entries to this branch
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        IocIndex index = ctx.getBroadcastState(IOC_INDEX).get(ACTIVE);
        if (ctx.getBroadcastState(FEED_STATUS).get(READY) == null) {
            pending.add(update);
            return;
        }
        apply(update, index, out);
    }

    @Override
    public void processBroadcastElement(FeedUpdate feed, Context ctx, Collector<Finding> out) throws Exception {
        var state = ctx.getBroadcastState(IOC_INDEX);
        var status = ctx.getBroadcastState(FEED_STATUS);
        switch (feed.type()) {
            case ENTRY -> {
                state.put(ACTIVE, withEntry(state.get(ACTIVE), feed.entry()));
                if (status.get(READY) != null) {
                    IocIndex fresh = withEntry(null, feed.entry());
                    ctx.applyToKeyedState(PATHS, (key, inventory) -> retroHunt(key, inventory, fresh, out));
                }
            }
            case DEFERRED_ENTRY -> state.put(DEFERRED, withEntry(state.get(DEFERRED), feed.entry()));
            case INITIAL_LOAD_DONE -> {
                if (status.get(READY) == null) {
                    status.put(READY, true);
                    IocIndex index = state.get(ACTIVE);
                    ctx.applyToKeyedState(PENDING, (key, waiting) -> {
                        for (InventoryUpdate update : waiting.get()) {
                            apply(update, index, out);
                        }
                        waiting.clear();
                    });
                }
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        IocIndex deferred = ctx.getBroadcastState(IOC_INDEX).get(DEFERRED);
        if (deferred != null) {
            retroHunt(ctx.getCurrentKey(), paths, deferred, out);
        }
    }

    private void apply(InventoryUpdate update, IocIndex index, Collector<Finding> out) throws Exception {
        switch (update.op()) {
            case CONTENT, REMOVED -> {
                PathState before = paths.get(update.path());
                if (before == null || before.seq() <= update.seq()) {
                    List<Dependency> deps = update.op() == FileOp.CONTENT ? update.dependencies() : List.of();
                    paths.put(update.path(), reconcile(update, update.path(), before, deps, index, out));
                }
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
                    paths.put(entry.getKey(), reconcile(update, entry.getKey(), entry.getValue(), List.of(), index, out));
                }
            }
        }
    }

    /** Opens findings for new hits among {@code deps} and resolves the path's findings that are no longer hit. */
    private static PathState reconcile(InventoryUpdate update, String path, PathState before, List<Dependency> deps,
            IocIndex index, Collector<Finding> out) {
        Map<String, Finding> open = before == null ? new HashMap<>() : new HashMap<>(before.open());
        Set<String> stillHit = new HashSet<>();
        for (Dependency dep : deps) {
            List<IocEntry> hits = index == null ? List.of() : index.matches(dep);
            if (hits.isEmpty()) {
                continue;
            }
            String id = Findings.packageFindingId(update.repo(), update.ref(), path, dep);
            stillHit.add(id);
            if (!open.containsKey(id)) {
                Finding finding = Findings.openPackage(update.repo(), update.ref(), update.commit(), path, dep,
                        idsOf(hits), severityOf(hits), update.trigger());
                out.collect(finding);
                open.put(id, finding);
            }
        }
        for (String id : new ArrayList<>(open.keySet())) {
            if (!stillHit.contains(id)) {
                out.collect(Findings.resolved(open.remove(id), update.commit(), update.trigger()));
            }
        }
        return new PathState(update.seq(), update.commit(), deps, open);
    }

    /** Looks for {@code fresh} entries in one branch's inventory, opening findings that are not open yet. */
    private static void retroHunt(String branchKey, MapState<String, PathState> inventory, IocIndex fresh,
            Collector<Finding> out) throws Exception {
        String repo = branchKey.substring(0, branchKey.indexOf(' '));
        String ref = branchKey.substring(branchKey.indexOf(' ') + 1);
        Map<String, PathState> changed = new HashMap<>();
        for (Map.Entry<String, PathState> entry : inventory.entries()) {
            PathState state = entry.getValue();
            Map<String, Finding> open = new HashMap<>(state.open());
            for (Dependency dep : state.dependencies()) {
                List<IocEntry> hits = fresh.matches(dep);
                String id = Findings.packageFindingId(repo, ref, entry.getKey(), dep);
                if (!hits.isEmpty() && !open.containsKey(id)) {
                    Finding finding = Findings.openPackage(repo, ref, state.commit(), entry.getKey(), dep,
                            idsOf(hits), severityOf(hits), Trigger.RETRO_HUNT);
                    out.collect(finding);
                    open.put(id, finding);
                }
            }
            if (open.size() != state.open().size()) {
                changed.put(entry.getKey(), new PathState(state.seq(), state.commit(), state.dependencies(), open));
            }
        }
        inventory.putAll(changed);
    }

    private static IocIndex withEntry(IocIndex index, IocEntry entry) {
        IocIndex target = index == null ? new IocIndex() : index;
        target.add(entry);
        return target;
    }

    private static List<String> idsOf(List<IocEntry> hits) {
        Set<String> ids = new TreeSet<>();
        hits.forEach(hit -> ids.add(hit.id()));
        return List.copyOf(ids);
    }

    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

    private static String severityOf(List<IocEntry> hits) {
        return hits.stream().map(IocEntry::severity)
                .min((a, b) -> Integer.compare(rank(a), rank(b))).orElse("critical");
    }

    private static int rank(String severity) {
        int rank = SEVERITIES.indexOf(severity);
        return rank < 0 ? SEVERITIES.size() : rank;
    }
}
