package io.iocstream.ingest;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.core.RecordGuard;
import io.iocstream.core.RunCounters;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads raw event lines into push events and baseline requests. Every line that is not usable goes to the
 * dead-letter output with its origin ({@code SOURCE line N}) and the reason; a repository event that needs no scan
 * is counted in the {@value #EVENTS_IGNORED} metric. Runs with parallelism 1 so line numbers are exact; the count
 * survives restarts in operator state.
 */
public class IngestFunction extends ProcessFunction<String, PushEvent> implements CheckpointedFunction {

    /** Metric: baseline requests taken in (listed repositories, repository events, baseline lines). */
    public static final String BASELINE_REQUESTS = "baselineRequests";
    /** Metric: well-formed events that ask for no scan (a repository deleted, archived, ...). */
    public static final String EVENTS_IGNORED = "eventsIgnored";

    /** Dead letters keep at most this much of a raw line. */
    static final int RAW_LIMIT = 64 * 1024;

    private final String sourceName;
    private transient long lineNumber;
    private transient ListState<Long> lineNumberState;
    private transient JobMetrics.Tally eventsIn;
    private transient JobMetrics.Tally pushes;
    private transient RecordGuard guard;
    private transient Counter baselineRequests;
    private transient Counter eventsIgnored;

    public IngestFunction(String sourceName) {
        this.sourceName = sourceName;
    }

    @Override
    public void open(OpenContext openContext) {
        eventsIn = JobMetrics.tally(getRuntimeContext(), RunCounters.EVENTS_IN, JobMetrics.EVENTS_IN);
        pushes = JobMetrics.tally(getRuntimeContext(), RunCounters.PUSHES, JobMetrics.PUSHES);
        guard = RecordGuard.of("ingest", getRuntimeContext());
        baselineRequests = JobMetrics.group(getRuntimeContext()).counter(BASELINE_REQUESTS);
        eventsIgnored = JobMetrics.group(getRuntimeContext()).counter(EVENTS_IGNORED);
    }

    @Override
    public void processElement(String line, Context ctx, Collector<PushEvent> out) {
        lineNumber++;
        eventsIn.add(1);
        guard.run(() -> read(line, ctx, out), this::origin, () -> line,
                deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
    }

    private void read(String line, Context ctx, Collector<PushEvent> out) {
        ParsedEvent parsed = PushEventParser.parse(line);
        if (parsed.event() != null) {
            if (parsed.event().origin() == PushOrigin.BASELINE || parsed.event().origin() == PushOrigin.RESCAN) {
                baselineRequests.inc();
            } else {
                pushes.add(1);
            }
            out.collect(parsed.event());
        } else if (parsed.ignored() != null) {
            eventsIgnored.inc();
        } else {
            String raw = Utf8LineFormat.readable(line.length() > RAW_LIMIT ? line.substring(0, RAW_LIMIT) : line);
            ctx.output(DeadLetter.TAG, new DeadLetter("ingest", origin(), parsed.reason(), raw));
        }
    }

    private String origin() {
        return sourceName + " line " + lineNumber;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        lineNumberState.update(List.of(lineNumber));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        lineNumberState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("line-number", Long.class));
        for (Long restored : lineNumberState.get()) {
            lineNumber = restored;
        }
    }
}
