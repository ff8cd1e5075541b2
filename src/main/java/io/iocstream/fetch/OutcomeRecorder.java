package io.iocstream.fetch;

import io.iocstream.pipeline.DeadLetter;
import io.iocstream.pipeline.RunCounters;
import org.apache.flink.api.common.accumulators.LongCounter;
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
 * Flink's own map does) and empties that record once the chained parser is done with it.
 */
public class OutcomeRecorder extends AbstractStreamOperator<FetchedFile>
        implements OneInputStreamOperator<FetchOutcome, FetchedFile> {

    private final FetchSettings settings;
    private transient FetchService service;
    private transient LongCounter filesFetched;
    private transient LongCounter bytesFetched;
    private transient LongCounter apiRequests;

    public OutcomeRecorder(FetchSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        service = FetchService.acquire(settings);
        filesFetched = getRuntimeContext().getLongCounter(RunCounters.FILES_FETCHED);
        bytesFetched = getRuntimeContext().getLongCounter(RunCounters.BYTES_FETCHED);
        apiRequests = getRuntimeContext().getLongCounter(RunCounters.API_REQUESTS);
    }

    @Override
    public void close() throws Exception {
        if (service != null) {
            // fetching ends before this downstream operator closes, so every request is counted by now
            apiRequests.add(service.takeUnreportedRequests());
            service.release();
            service = null;
        }
        super.close();
    }

    @Override
    public void processElement(StreamRecord<FetchOutcome> element) {
        FetchOutcome outcome = element.getValue();
        if (!outcome.succeeded()) {
            output.collect(DeadLetter.TAG, new StreamRecord<>(FetchDeadLetters.file(outcome.file(),
                    outcome.failure())));
            output.collect(element.replace(FetchedFile.failed(outcome.file().at(), outcome.file().path())));
            return;
        }
        filesFetched.add(1);
        bytesFetched.add(outcome.content().length);
        // parsing is chained to this operator: when collect returns, the content is parsed and can go
        output.collect(element.replace(FetchedFile.content(outcome.file().at(), outcome.file().path(),
                outcome.content())));
        element.replace(null);
        service.released(outcome);
    }
}
