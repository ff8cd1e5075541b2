package io.iocstream.pipeline;

import io.iocstream.changes.ScanPlanner;
import io.iocstream.changes.ScanRequest;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.SequentialFetcher;
import io.iocstream.findings.Finding;
import io.iocstream.ingest.IngestFunction;
import io.iocstream.ingest.PushEvent;
import io.iocstream.match.FeedUpdate;
import io.iocstream.match.InventoryMatcher;
import io.iocstream.match.InventoryUpdate;
import io.iocstream.parse.ParseFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The iocstream job graph, assembled in one place: ingest → changes → fetch → parse → match. Callers bring
 * the sources (raw event lines, IOC feed updates) and attach sinks to the outputs, so tests, {@code demo},
 * {@code replay} and {@code job} all run this very graph.
 */
public final class IocStreamPipeline {

    private final FetchSettings fetch;

    public IocStreamPipeline(FetchSettings fetch) {
        this.fetch = fetch;
    }

    /**
     * @param eventLines raw push events, one JSON document each, in the order they happened
     * @param eventsName where the lines come from, for dead letters
     * @param feed       IOC feed updates; must send {@link FeedUpdate#initialLoadDone()} once the initial
     *                   feeds are in, because pushes wait for it
     */
    public PipelineOutputs build(DataStream<String> eventLines, String eventsName, DataStream<FeedUpdate> feed) {
        SingleOutputStreamOperator<PushEvent> pushes = eventLines
                .process(new IngestFunction(eventsName)).name("ingest").uid("ingest")
                .setParallelism(1);

        SingleOutputStreamOperator<ScanRequest> scans = pushes
                .keyBy(PushEvent::repo, Types.STRING)
                .process(new ScanPlanner()).name("changes").uid("changes");

        SingleOutputStreamOperator<FetchedFile> files = scans
                .process(new SequentialFetcher(fetch)).name("fetch").uid("fetch");

        SingleOutputStreamOperator<InventoryUpdate> updates = files
                .process(new ParseFunction()).name("parse").uid("parse");

        BroadcastStream<FeedUpdate> iocs = feed.broadcast(InventoryMatcher.IOC_INDEX, InventoryMatcher.FEED_STATUS);
        SingleOutputStreamOperator<Finding> findings = updates
                .keyBy(InventoryUpdate::branchKey, Types.STRING)
                .connect(iocs)
                .process(new InventoryMatcher()).name("match").uid("match");

        DataStream<DeadLetter> deadLetters = pushes.getSideOutput(DeadLetter.TAG)
                .union(files.getSideOutput(DeadLetter.TAG), updates.getSideOutput(DeadLetter.TAG));
        return new PipelineOutputs(findings, deadLetters);
    }
}
