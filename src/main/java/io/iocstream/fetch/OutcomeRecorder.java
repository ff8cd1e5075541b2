package io.iocstream.fetch;

import io.iocstream.pipeline.DeadLetter;
import io.iocstream.pipeline.RunCounters;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns fetch outcomes into fetched files, counting them; what still failed after retries is a dead letter.
 * It also reports the API requests of the task manager's {@link FetchService}, because async functions cannot
 * hold accumulators.
 */
public class OutcomeRecorder extends ProcessFunction<FetchOutcome, FetchedFile> {

    private final FetchSettings settings;
    private transient FetchService service;
    private transient LongCounter filesFetched;
    private transient LongCounter bytesFetched;
    private transient LongCounter apiRequests;

    public OutcomeRecorder(FetchSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        service = FetchService.acquire(settings);
        filesFetched = getRuntimeContext().getLongCounter(RunCounters.FILES_FETCHED);
        bytesFetched = getRuntimeContext().getLongCounter(RunCounters.BYTES_FETCHED);
        apiRequests = getRuntimeContext().getLongCounter(RunCounters.API_REQUESTS);
    }

    @Override
    public void close() {
        if (service != null) {
            // fetching ends before this downstream operator closes, so every request is counted by now
            apiRequests.add(service.takeUnreportedRequests());
            service.release();
        }
    }

    @Override
    public void processElement(FetchOutcome outcome, Context ctx, Collector<FetchedFile> out) {
        if (!outcome.succeeded()) {
            ctx.output(DeadLetter.TAG, FetchDeadLetters.file(outcome.file(), outcome.failure()));
            out.collect(FetchedFile.failed(outcome.file().at(), outcome.file().path()));
            return;
        }
        filesFetched.add(1);
        bytesFetched.add(outcome.content().length);
        // parsing is chained to this operator: when collect returns, the content is parsed and can go
        out.collect(FetchedFile.content(outcome.file().at(), outcome.file().path(), outcome.content()));
        service.released(outcome);
    }
}
