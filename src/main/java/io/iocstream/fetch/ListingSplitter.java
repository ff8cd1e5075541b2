package io.iocstream.fetch;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.core.RecordGuard;
import io.iocstream.core.RunCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits listings: files to read go on to the fetcher; removed paths, snapshots and deleted refs need no fetch
 * and go to {@link #READY}; a listing that failed is a dead letter.
 */
public class ListingSplitter extends ProcessFunction<ResolvedScan, FileRef> {

    public static final OutputTag<FetchedFile> READY = new OutputTag<>("ready") {};

    private transient JobMetrics.Tally filesConsidered;
    private transient RecordGuard guard;

    @Override
    public void open(OpenContext openContext) {
        filesConsidered = JobMetrics.tally(getRuntimeContext(), RunCounters.FILES_CONSIDERED,
                JobMetrics.FILES_CONSIDERED);
        guard = RecordGuard.of("fetch", getRuntimeContext());
    }

    @Override
    public void processElement(ResolvedScan scan, Context ctx, Collector<FileRef> out) {
        guard.run(() -> split(scan, ctx, out), () -> FetchDeadLetters.origin(scan.request()),
                () -> FetchDeadLetters.json(scan.request()), deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
    }

    private void split(ResolvedScan scan, Context ctx, Collector<FileRef> out) {
        if (scan.failure() != null) {
            ctx.output(DeadLetter.TAG, FetchDeadLetters.listing(scan.request(), scan.failure()));
            ctx.output(READY, ScanListing.failed(scan.request()));
            return;
        }
        filesConsidered.add(scan.listing().considered());
        scan.listing().ready().forEach(ready -> ctx.output(READY, ready));
        scan.listing().toFetch().forEach(out::collect);
    }
}
