package io.iocstream.fetch;

import io.iocstream.changes.ScanRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/** Lists what each scan request covers (compare API, tree), off the task thread, for the batched strategies. */
public class ScanResolver extends RichAsyncFunction<ScanRequest, ResolvedScan> {

    private final FetchSettings settings;
    private final PriorityFiles priority;
    private transient FetchService service;

    public ScanResolver(FetchSettings settings, PriorityFiles priority) {
        this.settings = settings;
        this.priority = priority;
    }

    @Override
    public void open(OpenContext openContext) {
        service = FetchService.acquire(settings);
    }

    @Override
    public void asyncInvoke(ScanRequest request, ResultFuture<ResolvedScan> result) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return ResolvedScan.listed(request, ScanListing.of(service.listings(), request, priority));
            } catch (java.io.IOException | RuntimeException e) {
                return ResolvedScan.failed(request, String.valueOf(e.getMessage()));
            }
        }, service.listing()).thenAccept(resolved -> result.complete(List.of(resolved)));
    }

    @Override
    public void timeout(ScanRequest request, ResultFuture<ResolvedScan> result) {
        result.complete(List.of(ResolvedScan.failed(request, "listing timed out")));
    }

    @Override
    public void close() {
        if (service != null) {
            service.release();
        }
    }
}
