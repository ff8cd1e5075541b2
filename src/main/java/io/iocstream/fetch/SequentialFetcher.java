package io.iocstream.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.changes.ScanRequest;
import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.core.RecordGuard;
import io.iocstream.core.RunCounters;
import io.iocstream.github.GitHubClient;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;

/**
 * The baseline fetch strategy batch scanners use: one REST call per file, one at a time, on the task thread.
 * Kept as the baseline the benchmarks compare the batched strategies against.
 */
public class SequentialFetcher extends ProcessFunction<ScanRequest, FetchedFile> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FetchSettings settings;
    private final PriorityFiles priority;
    private transient GitHubClient client;
    private transient long requestsCounted;
    private transient JobMetrics.Tally filesConsidered;
    private transient JobMetrics.Tally filesFetched;
    private transient JobMetrics.Tally bytesFetched;
    private transient JobMetrics.Tally apiRequests;
    private transient Histogram fetchLatency;
    private transient RecordGuard guard;
    private transient Path spoolRoot;
    private transient SpoolDirectory spools;

    public SequentialFetcher(FetchSettings settings, PriorityFiles priority) {
        this.settings = settings;
        this.priority = priority;
    }

    @Override
    public void open(OpenContext openContext) {
        client = new GitHubClient(settings.clientConfig());
        filesConsidered = JobMetrics.tally(getRuntimeContext(), RunCounters.FILES_CONSIDERED,
                JobMetrics.FILES_CONSIDERED);
        filesFetched = JobMetrics.tally(getRuntimeContext(), RunCounters.FILES_FETCHED, JobMetrics.FILES_FETCHED);
        bytesFetched = JobMetrics.tally(getRuntimeContext(), RunCounters.BYTES_FETCHED, JobMetrics.BYTES_FETCHED);
        apiRequests = JobMetrics.tally(getRuntimeContext(), RunCounters.API_REQUESTS, JobMetrics.API_REQUESTS);
        fetchLatency = FetchMetrics.latency(JobMetrics.group(getRuntimeContext()));
        JobMetrics.group(getRuntimeContext()).gauge(JobMetrics.RATE_REQUESTS_LEFT, client::rateRequestsLeft);
        guard = RecordGuard.of("fetch", getRuntimeContext());
        spoolRoot = SpoolDirectory.rootOf(getRuntimeContext() instanceof StreamingRuntimeContext streaming
                ? streaming.getTaskManagerRuntimeInfo() : null);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (spools != null) {
            spools.close();
        }
    }

    private Path newSpoolFile() throws IOException {
        if (spools == null) {
            spools = SpoolDirectory.under(spoolRoot);
        }
        return spools.newFile();
    }

    @Override
    public void processElement(ScanRequest request, Context ctx, Collector<FetchedFile> out) {
        guard.run(() -> fetch(request, ctx, out), () -> FetchDeadLetters.origin(request),
                () -> FetchDeadLetters.json(request), deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
    }

    private void fetch(ScanRequest request, Context ctx, Collector<FetchedFile> out) {
        try {
            ScanListing listing = ScanListing.of(client, request, priority);
            filesConsidered.add(listing.considered());
            listing.ready().forEach(out::collect);
            for (FileRef file : listing.toFetch()) {
                read(file, ctx, out);
            }
        } catch (IOException e) {
            ctx.output(DeadLetter.TAG, FetchDeadLetters.listing(request, e.getMessage()));
            out.collect(ScanListing.failed(request));
        } finally {
            long sent = client.requestCount();
            apiRequests.add(sent - requestsCounted);
            requestsCounted = sent;
        }
    }

    private void read(FileRef file, Context ctx, Collector<FetchedFile> out) {
        try {
            long started = System.nanoTime();
            SpillingRead.Content content = client.fileContent(file.repo(), file.commit(), file.path(),
                    (in, length) -> SpillingRead.read(in, length, settings.maxFileBytes(),
                            settings.streamAboveBytes(), this::newSpoolFile));
            fetchLatency.update((System.nanoTime() - started) / 1_000_000);
            filesFetched.add(1);
            bytesFetched.add(content.length());
            if (content.spool() == null) {
                out.collect(FetchedFile.content(file.at(), file.path(), content.bytes()));
                return;
            }
            try {
                // the parser is chained to this function: when collect returns, the spool has been read
                out.collect(FetchedFile.spooled(file.at(), file.path(), content.spool()));
            } finally {
                content.spool().delete();
            }
        } catch (IOException e) {
            ctx.output(DeadLetter.TAG, FetchDeadLetters.file(file, e.getMessage()));
            out.collect(FetchedFile.failed(file.at(), file.path()));
        }
    }
}
