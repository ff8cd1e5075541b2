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
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns pushes of one repository (the key) into scan requests. It remembers which commits it has already
 * scanned, so a push whose {@code before} it has never seen becomes a baseline scan of the whole tree. A baseline
 * request ({@link PushOrigin#BASELINE}) is planned only for a ref never scanned before: pushes keep a scanned ref
 * up to date, and a listing's head may be older than a push already applied (counted in {@value #BASELINES_SKIPPED}).
 */
public class ScanPlanner extends KeyedProcessFunction<String, PushEvent, ScanRequest> {

    /** How many scanned commit shas a repository remembers; older ones fall back to a baseline scan. */
    static final int KNOWN_COMMITS = 512;
    /** Metric: baseline requests for refs already scanned, so left out. */
    public static final String BASELINES_SKIPPED = "baselinesSkipped";

    private transient ValueState<LinkedHashSet<String>> knownCommits;
    private transient MapState<String, Long> lastSeqByRef;
    private transient RecordGuard guard;
    private transient Counter baselinesSkipped;
    private transient Counter scans;

    @Override
    public void open(OpenContext openContext) {
        knownCommits = getRuntimeContext().getState(new ValueStateDescriptor<>(
                "known-commits", TypeInformation.of(new TypeHint<LinkedHashSet<String>>() {})));
        lastSeqByRef = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("push-seq-by-ref", Types.STRING, Types.LONG));
        guard = RecordGuard.of("changes", getRuntimeContext());
        baselinesSkipped = JobMetrics.group(getRuntimeContext()).counter(BASELINES_SKIPPED);
        scans = JobMetrics.group(getRuntimeContext()).counter(JobMetrics.SCANS);
    }

    @Override
    public void processElement(PushEvent push, Context ctx, Collector<ScanRequest> out) throws Exception {
        guard.run(() -> scan(push, out), () -> push.repo() + "@" + push.after() + " (" + push.ref() + ")",
                push::toString, deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
    }

    private void scan(PushEvent push, Collector<ScanRequest> out) throws Exception {
        // one sequence per ref, without gaps: the matcher applies a ref's scans strictly in this order
        Long last = lastSeqByRef.get(push.ref());
        if (push.origin() == PushOrigin.BASELINE && last != null) {
            baselinesSkipped.inc();
            return;
        }
        long seq = last == null ? 1 : last + 1;
        LinkedHashSet<String> known = knownCommits.value() == null ? new LinkedHashSet<>() : knownCommits.value();
        // planned before any state is written, so a push that fails leaves no gap in its ref's sequence
        ScanRequest request = plan(push, ChangeExtractor.extract(push), known.contains(push.before()), seq);
        lastSeqByRef.put(push.ref(), seq);
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
