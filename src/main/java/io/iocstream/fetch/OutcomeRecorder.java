package io.iocstream.fetch;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.core.RecordGuard;
import io.iocstream.core.RunCounters;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Turns fetch outcomes into fetched files, counting them; what still failed after retries is a dead letter.
 * It also reports the API requests of the task manager's {@link FetchService}, because async functions cannot
 * hold accumulators.
 *
 * <p>An operator rather than a {@code ProcessFunction} so that a file's bytes are unreachable the moment it is
 * parsed: a function's collector keeps the last record it passed on, which for an 80 MB lockfile is 80 MB that
 * the byte budget has already given back. This operator passes each file on in the record it arrived in (as
 * Flink's own map does) and empties that record once the chained parser is done with it. A file spooled to disk
 * ({@link Spool}) is removed at the same point: the parser is chained to this operator (the pipeline makes it
 * so), so the spool is only ever read on the task manager that wrote it, while this record is being handled.
 */
public class OutcomeRecorder extends AbstractStreamOperator<FetchedFile>
        implements OneInputStreamOperator<FetchOutcome, FetchedFile> {

    private final FetchSettings settings;
    private transient FetchService service;
    private transient JobMetrics.Tally filesFetched;
    private transient JobMetrics.Tally bytesFetched;
    private transient JobMetrics.Tally apiRequests;
    private transient JobMetrics.Tally batchesSplit;
    private transient RecordGuard guard;

    public OutcomeRecorder(FetchSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        service = FetchService.acquire(settings);
        // this operator opens before the fetch it follows in the chain: large files spool where Flink spills
        service.spoolUnder(SpoolDirectory.rootOf(getContainingTask().getEnvironment().getTaskManagerInfo()));
        filesFetched = JobMetrics.tally(getRuntimeContext(), RunCounters.FILES_FETCHED, JobMetrics.FILES_FETCHED);
        bytesFetched = JobMetrics.tally(getRuntimeContext(), RunCounters.BYTES_FETCHED, JobMetrics.BYTES_FETCHED);
        apiRequests = JobMetrics.tally(getRuntimeContext(), RunCounters.API_REQUESTS, JobMetrics.API_REQUESTS);
        batchesSplit = JobMetrics.tally(getRuntimeContext(), RunCounters.BATCHES_SPLIT, JobMetrics.BATCHES_SPLIT);
        // every subtask on a task manager reports the one budget they share
        JobMetrics.group(getMetricGroup()).gauge(JobMetrics.RATE_REQUESTS_LEFT, service::rateRequestsLeft);
        guard = RecordGuard.of("fetch", getRuntimeContext());
    }

    @Override
    public void close() throws Exception {
        if (service != null) {
            // fetching ends before this downstream operator closes, so every request is counted by now
            apiRequests.add(service.takeUnreportedRequests());
            batchesSplit.add(service.takeUnreportedSplits());
            service.release();
            service = null;
        }
        super.close();
    }

    @Override
    public void processElement(StreamRecord<FetchOutcome> element) {
        FetchOutcome outcome = element.getValue();
        // the shared service's requests so far, so a running job's metric keeps up, not only a run's summary
        apiRequests.add(service.takeUnreportedRequests());
        batchesSplit.add(service.takeUnreportedSplits());
        FileRef file = outcome.file();
        FetchedFile fetched = guard.call(() -> recorded(outcome), () -> FetchDeadLetters.origin(file),
                () -> FetchDeadLetters.json(file), this::deadLetter);
        if (fetched == null) {
            // a file this stage failed on still completes its scan: the path keeps what it had
            fetched = FetchedFile.failed(file.at(), file.path());
        }
        // parsing is chained to this operator: when collect returns, the content is parsed and can go (a spool
        // file with it, even when the parser failed)
        try {
            output.collect(element.replace(fetched));
        } finally {
            element.replace(null);
            service.released(outcome);
        }
    }

    /** The file to hand on: the read bytes, counted, or a failed record with its dead letter. */
    private FetchedFile recorded(FetchOutcome outcome) {
        if (!outcome.succeeded()) {
            deadLetter(FetchDeadLetters.file(outcome.file(), outcome.failure()));
            return FetchedFile.failed(outcome.file().at(), outcome.file().path());
        }
        filesFetched.add(1);
        bytesFetched.add(outcome.spool() != null ? outcome.spool().length() : outcome.content().length);
        if (outcome.spool() != null) {
            return FetchedFile.spooled(outcome.file().at(), outcome.file().path(), outcome.spool());
        }
        return FetchedFile.content(outcome.file().at(), outcome.file().path(), outcome.content());
    }

    private void deadLetter(DeadLetter deadLetter) {
        output.collect(DeadLetter.TAG, new StreamRecord<>(deadLetter));
    }
}
