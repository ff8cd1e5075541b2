package io.iocstream.pipeline;

import io.iocstream.changes.ScanPlanner;
import io.iocstream.changes.ScanRequest;
import io.iocstream.core.DeadLetter;
import io.iocstream.feeds.FeedDeadLetterSplit;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.fetch.FetchOutcome;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.github.WebLinks;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileFetcher;
import io.iocstream.fetch.FileRef;
import io.iocstream.fetch.ListingSplitter;
import io.iocstream.fetch.OutcomeRecorder;
import io.iocstream.fetch.PriorityFiles;
import io.iocstream.fetch.ResolvedScan;
import io.iocstream.fetch.ScanResolver;
import io.iocstream.fetch.SequentialFetcher;
import io.iocstream.ingest.IngestFunction;
import io.iocstream.ingest.PushEvent;
import io.iocstream.match.Finding;
import io.iocstream.match.InventoryMatcher;
import io.iocstream.match.SuppressionFunction;
import io.iocstream.parse.InventoryUpdate;
import io.iocstream.parse.ParseFunction;
import io.iocstream.throttle.MemoryThrottle;
import io.iocstream.throttle.ThrottleSettings;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The iocstream job graph, assembled in one place: ingest → changes → throttle → fetch → parse → match.
 * Callers bring the sources (raw event lines, IOC feed updates) and attach sinks to the outputs, so tests,
 * {@code demo}, {@code replay} and {@code job} all run this very graph.
 */
public final class IocStreamPipeline {

    /** How long one file may take, retries and rate-limit waits included, before it times out. */
    static final long FETCH_TIMEOUT_MINUTES = 15;

    /** Dependency files and workflows: what the fetch stage reads first, and whatever their size. */
    public static final PriorityFiles IOC_FILES = ParseFunction::carriesIocs;

    private final FetchSettings fetch;
    private final ThrottleSettings throttle;
    private final WebLinks links;
    private final PipelineOptions options;

    /** The graph reading from {@code fetch}'s API, with {@link PipelineOptions#defaults()}. */
    public IocStreamPipeline(FetchSettings fetch, ThrottleSettings throttle) {
        this(fetch, throttle, PipelineOptions.defaults());
    }

    /** The same, with {@code options} (web links, branch lifetimes, documentation policy, suppressions). */
    public IocStreamPipeline(FetchSettings fetch, ThrottleSettings throttle, PipelineOptions options) {
        this.fetch = fetch;
        this.throttle = throttle;
        this.links = options.webLinks() != null ? options.webLinks() : WebLinks.forApi(fetch.apiBaseUrl());
        this.options = options;
    }

    /**
     * @param eventLines raw push events, one JSON document each, in the order they happened
     * @param eventsName where the lines come from, for dead letters
     * @param feed       IOC feed updates; must send {@link FeedUpdate#initialLoadDone()} once the initial
     *                   feeds are in, because pushes wait for it; its dead letters join the dead-letter output
     */
    public PipelineOutputs build(DataStream<String> eventLines, String eventsName, DataStream<FeedUpdate> feed) {
        // every stage makes new immutable records, so chained operators may hand them on without copies
        // (a copy of a 80 MB file between fetch and parse is what object reuse saves)
        eventLines.getExecutionEnvironment().getConfig().enableObjectReuse();
        SingleOutputStreamOperator<PushEvent> pushes = eventLines
                .process(new IngestFunction(eventsName)).name("ingest").uid("ingest")
                .setParallelism(1);

        SingleOutputStreamOperator<ScanRequest> scans = pushes
                .keyBy(PushEvent::repo, Types.STRING)
                .process(new ScanPlanner(options.lifetimes())).name("changes").uid("changes");

        Fetched fetched = fetch.strategy() == FetchStrategy.SEQUENTIAL ? fetchSequentially(scans) : fetchBatched(scans);

        // files are parsed in the chain that fetched them, so their bytes never cross the network; records
        // that needed no fetch are "parsed" in their own chain, and the two join as inventory updates
        SingleOutputStreamOperator<InventoryUpdate> parsed = fetched.files()
                .process(new ParseFunction()).name("parse").uid("parse")
                .setParallelism(fetched.files().getParallelism());
        SingleOutputStreamOperator<InventoryUpdate> parsedReady = fetched.ready() == null ? null : fetched.ready()
                .process(new ParseFunction()).name("parse-ready").uid("parse-ready");
        DataStream<InventoryUpdate> updates = parsedReady == null ? parsed : parsed.union(parsedReady);

        // same parallelism as the feed, so the split is chained and keeps the updates' order (entries before
        // INITIAL_LOAD_DONE)
        SingleOutputStreamOperator<FeedUpdate> feedUpdates = feed
                .process(new FeedDeadLetterSplit()).name("feed-dead-letters").uid("feed-dead-letters")
                .setParallelism(feed.getParallelism());
        BroadcastStream<FeedUpdate> iocs = feedUpdates.broadcast(InventoryMatcher.IOC_INDEX,
                InventoryMatcher.FEED_STATUS);
        SingleOutputStreamOperator<Finding> findings = updates
                .keyBy(InventoryUpdate::branchKey, Types.STRING)
                .connect(iocs)
                .process(new InventoryMatcher(links, options.documentation())).name("match").uid("match");

        DataStream<DeadLetter> deadLetters = pushes.getSideOutput(DeadLetter.TAG)
                .union(scans.getSideOutput(DeadLetter.TAG), fetched.deadLetters(), parsed.getSideOutput(DeadLetter.TAG),
                        feedUpdates.getSideOutput(DeadLetter.TAG), findings.getSideOutput(DeadLetter.TAG));
        if (parsedReady != null) {
            deadLetters = deadLetters.union(parsedReady.getSideOutput(DeadLetter.TAG));
        }
        // always in the graph, even with no suppressions, so a job restored with or without them keeps its state
        SingleOutputStreamOperator<Finding> suppressed = findings
                .keyBy(Finding::findingId, Types.STRING)
                .process(new SuppressionFunction(options.suppressions())).name("suppress").uid("suppress");
        // counted where every finding and dead letter passes, for the dashboard (docs/operations.md)
        DataStream<Finding> counted = suppressed.map(new FindingCounter()).name("count-findings")
                .uid("count-findings").setParallelism(suppressed.getParallelism());
        DataStream<DeadLetter> deadLettersCounted = deadLetters.map(new DeadLetterCounter())
                .name("count-dead-letters").uid("count-dead-letters");
        return new PipelineOutputs(counted, deadLettersCounted, findings.getSideOutput(InventoryMatcher.SCANS));
    }

    /**
     * What the fetch stage hands on: fetched files, the records that needed no fetch (removals, snapshots,
     * deleted refs; null when they travel with the files), and its dead letters.
     */
    private record Fetched(SingleOutputStreamOperator<FetchedFile> files, DataStream<FetchedFile> ready,
            DataStream<DeadLetter> deadLetters) {}

    /** The baseline: one REST call per file, one at a time, as batch scanners do. */
    private Fetched fetchSequentially(DataStream<ScanRequest> scans) {
        SingleOutputStreamOperator<FetchedFile> files = throttled(scans, TypeInformation.of(ScanRequest.class))
                .process(new SequentialFetcher(fetch, IOC_FILES)).name("fetch").uid("fetch").setParallelism(1);
        return new Fetched(files, null, files.getSideOutput(DeadLetter.TAG));
    }

    /** Listings and files fetched asynchronously, files in batches, with retries; see {@code FetchService}. */
    private Fetched fetchBatched(DataStream<ScanRequest> scans) {
        int capacity = fetch.tuning().capacity();
        SingleOutputStreamOperator<ResolvedScan> listed = AsyncDataStream.unorderedWait(scans,
                new ScanResolver(fetch, IOC_FILES), FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES, 64)
                .name("list").uid("list");
        SingleOutputStreamOperator<FileRef> wanted = listed
                .process(new ListingSplitter()).name("split-listing").uid("split-listing");

        SingleOutputStreamOperator<FetchOutcome> outcomes = AsyncDataStream.unorderedWaitWithRetry(
                throttled(wanted, TypeInformation.of(FileRef.class)), new FileFetcher(fetch),
                FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES, capacity, FileFetcher.retryStrategy())
                .name("fetch").uid("fetch");
        SingleOutputStreamOperator<FetchedFile> files = outcomes
                .transform("record-fetch", TypeInformation.of(FetchedFile.class), new OutcomeRecorder(fetch))
                .uid("record-fetch");

        return new Fetched(files, wanted.getSideOutput(ListingSplitter.READY),
                wanted.getSideOutput(DeadLetter.TAG).union(files.getSideOutput(DeadLetter.TAG)));
    }

    private <T> DataStream<T> throttled(DataStream<T> input, TypeInformation<T> type) {
        return input.transform("throttle", type, new MemoryThrottle<T>(throttle)).uid("throttle");
    }
}
