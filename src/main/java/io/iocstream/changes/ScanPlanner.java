package io.iocstream.changes;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.core.RecordGuard;
import io.iocstream.ingest.PushEvent;
import io.iocstream.ingest.PushOrigin;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns pushes of one repository (the key) into scan requests. It remembers which commits it has already
 * scanned, so a push whose {@code before} it has never seen becomes a baseline scan of the whole tree, as does the
 * first push of a ref it does not know (new, or ended: deleted or expired). A baseline request
 * ({@link PushOrigin#BASELINE}) is planned only for a ref never scanned before: pushes keep a scanned ref up to date,
 * and a listing's head may be older than a push already applied (counted in {@value #BASELINES_SKIPPED}); one that a
 * repository event asked for is planned whatever was scanned, so that the repository is judged as a worm marker.
 *
 * <p>Refs end ({@link BranchLifetimes}): a deleted ref is forgotten once its deletion is planned; a ref that may
 * expire and was not pushed for the branch lifetime is forgotten by a timer of its repository, which sends an
 * {@link ScanMode#EXPIRE_REF} request so the matcher drops its inventory too. An ended ref's last scan number is
 * kept for {@link BranchLifetimes#ENDED_REF_MEMORY}, so a ref created again soon goes on numbering; the same timer
 * forgets it then.
 */
public class ScanPlanner extends KeyedProcessFunction<String, PushEvent, ScanRequest> {

    /** How many scanned commit shas a repository remembers; older ones fall back to a baseline scan. */
    static final int KNOWN_COMMITS = 512;
    /** Metric: baseline requests for refs already scanned, so left out. */
    public static final String BASELINES_SKIPPED = "baselinesSkipped";

    private final BranchLifetimes lifetimes;

    private transient ValueState<LinkedHashSet<String>> knownCommits;
    private transient MapState<String, Long> lastSeqByRef;
    /** An ended ref's last scan number and when it ended. */
    private transient MapState<String, Tuple2<Long, Long>> endedRefs;
    private transient MapState<String, Long> pushedAtByRef;
    private transient ValueState<Long> expiryTimer;
    private transient RecordGuard guard;
    private transient Counter baselinesSkipped;
    private transient Counter scans;

    public ScanPlanner() {
        this(BranchLifetimes.defaults());
    }

    public ScanPlanner(BranchLifetimes lifetimes) {
        this.lifetimes = lifetimes;
    }

    @Override
    public void open(OpenContext openContext) {
        knownCommits = getRuntimeContext().getState(new ValueStateDescriptor<>(
                "known-commits", TypeInformation.of(new TypeHint<LinkedHashSet<String>>() {})));
        lastSeqByRef = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("push-seq-by-ref", Types.STRING, Types.LONG));
        endedRefs = getRuntimeContext().getMapState(new MapStateDescriptor<>("ended-refs", Types.STRING,
                Types.TUPLE(Types.LONG, Types.LONG)));
        pushedAtByRef = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pushed-at-by-ref", Types.STRING, Types.LONG));
        expiryTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry-timer", Types.LONG));
        guard = RecordGuard.of("changes", getRuntimeContext());
        baselinesSkipped = JobMetrics.group(getRuntimeContext()).counter(BASELINES_SKIPPED);
        scans = JobMetrics.group(getRuntimeContext()).counter(JobMetrics.SCANS);
    }

    @Override
    public void processElement(PushEvent push, Context ctx, Collector<ScanRequest> out) throws Exception {
        guard.run(() -> scan(push, ctx, out), () -> push.repo() + "@" + push.after() + " (" + push.ref() + ")",
                push::toString, deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
    }

    private void scan(PushEvent push, Context ctx, Collector<ScanRequest> out) throws Exception {
        // one sequence per ref, without gaps: the matcher applies a ref's scans strictly in this order
        Long last = lastSeqByRef.get(push.ref());
        // a repository event (created, publicized, renamed, transferred) is judged as a worm marker even on a ref
        // already scanned: the repository may have been private until now, and its tree is listed at its head again
        if (push.origin() == PushOrigin.BASELINE && last != null && !push.stamp().fromRepositoryEvent()) {
            baselinesSkipped.inc();
            return;
        }
        boolean refKnown = last != null;
        Tuple2<Long, Long> ended = refKnown ? null : endedRefs.get(push.ref());
        long seq = refKnown ? last + 1 : ended != null ? ended.f0 + 1 : 1;
        LinkedHashSet<String> known = knownCommits.value() == null ? new LinkedHashSet<>() : knownCommits.value();
        // planned before any state is written, so a push that fails leaves no gap in its ref's sequence;
        // a ref not known has no inventory to update: it is scanned whole
        ScanRequest request = plan(push, ChangeExtractor.extract(push), refKnown && known.contains(push.before()),
                seq);
        if (ended != null) {
            endedRefs.remove(push.ref());
        }
        long now = ctx.timerService().currentProcessingTime();
        if (push.deleted()) {
            end(push.ref(), seq, now, ctx.timerService());
        } else {
            lastSeqByRef.put(push.ref(), seq);
            if (lifetimes.expires(push.ref())) {
                pushedAtByRef.put(push.ref(), now);
                setTimerBy(ctx.timerService(), now + lifetimes.branchTtl().toMillis());
            }
        }
        out.collect(request);
        scans.inc();

        // a baseline without a commit learns its head only when listed
        if (!push.deleted() && push.after() != null) {
            known.remove(push.after());
            known.add(push.after());
            while (known.size() > KNOWN_COMMITS) {
                known.remove(known.iterator().next());
            }
            knownCommits.update(known);
        }
    }

    /**
     * The repository's expiry timer: every ref not pushed for the branch lifetime ends, and the matcher is told
     * ({@link ScanMode#EXPIRE_REF}); the timer is set again for the ref that expires next.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScanRequest> out) throws Exception {
        expiryTimer.clear();
        long next = Long.MAX_VALUE;
        List<String> forgotten = new ArrayList<>();
        for (var ended : endedRefs.entries()) {
            long forgetAt = ended.getValue().f1 + BranchLifetimes.ENDED_REF_MEMORY.toMillis();
            if (forgetAt <= timestamp) {
                forgotten.add(ended.getKey());
            } else {
                next = Math.min(next, forgetAt);
            }
        }
        for (String ref : forgotten) {
            endedRefs.remove(ref);
        }
        List<String> expired = new ArrayList<>();
        if (lifetimes.branchTtl() != null) {
            long ttl = lifetimes.branchTtl().toMillis();
            for (var pushed : pushedAtByRef.entries()) {
                if (pushed.getValue() + ttl <= timestamp) {
                    expired.add(pushed.getKey());
                } else {
                    next = Math.min(next, pushed.getValue() + ttl);
                }
            }
        }
        for (String ref : expired) {
            Long last = lastSeqByRef.get(ref);
            long seq = last == null ? 1 : last + 1;
            end(ref, seq, timestamp, ctx.timerService());
            out.collect(new ScanRequest("expired " + ctx.getCurrentKey() + " " + ref + " " + seq, ctx.getCurrentKey(),
                    ref, null, null, ScanMode.EXPIRE_REF, Trigger.PUSH, seq, List.of(), List.of()));
        }
        if (next != Long.MAX_VALUE) {
            setTimerBy(ctx.timerService(), next);
        }
    }

    /** Forgets an ended ref but for its last scan number, kept a while in case it comes back. */
    private void end(String ref, long seq, long now, TimerService timers) throws Exception {
        lastSeqByRef.remove(ref);
        pushedAtByRef.remove(ref);
        endedRefs.put(ref, Tuple2.of(seq, now));
        setTimerBy(timers, now + BranchLifetimes.ENDED_REF_MEMORY.toMillis());
    }

    /** Makes sure the repository's one timer fires by {@code at}. */
    private void setTimerBy(TimerService timers, long at) throws Exception {
        Long set = expiryTimer.value();
        if (set != null && set <= at) {
            return;
        }
        if (set != null) {
            timers.deleteProcessingTimeTimer(set);
        }
        timers.registerProcessingTimeTimer(at);
        expiryTimer.update(at);
    }

    /** Decides how to scan one push, given whether its {@code before} commit was scanned already. */
    static ScanRequest plan(PushEvent push, ChangeSet changes, boolean beforeKnown, long seq) {
        ScanMode mode;
        Trigger trigger = Trigger.PUSH;
        if (push.deleted()) {
            mode = ScanMode.DELETE_REF;
        } else if (push.created() || !beforeKnown) {
            mode = ScanMode.TREE;
            trigger = Trigger.BASELINE;
        } else if (changes.kind() == PushKind.FORCE_PUSH) {
            // the pushed commits need not explain the difference from the old head: rescan the tree
            mode = ScanMode.TREE;
        } else if (changes.complete()) {
            mode = ScanMode.PATHS;
        } else {
            mode = ScanMode.COMPARE;
        }
        List<String> paths = mode == ScanMode.PATHS ? new ArrayList<>(changes.changed()) : List.of();
        List<String> removed = mode == ScanMode.PATHS ? new ArrayList<>(changes.removed()) : List.of();
        // a deleted ref is reported at the last commit it pointed to
        String commit = mode == ScanMode.DELETE_REF ? push.before() : push.after();
        return new ScanRequest(push.eventId(), push.repo(), push.ref(), push.before(), commit,
                mode, trigger, seq, paths, removed, push.stamp());
    }
}
