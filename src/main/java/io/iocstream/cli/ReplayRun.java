package io.iocstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.iocstream.core.DeadLetter;
import io.iocstream.core.RunCounters;
import io.iocstream.feeds.FeedDirectory;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.findings.JsonLines;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.github.sim.CostModel;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.ingest.Utf8LineFormat;
import io.iocstream.match.Finding;
import io.iocstream.match.FindingStatus;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOptions;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.pipeline.RunOutput;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.throttle.TaskManagerMemory;
import io.iocstream.throttle.ThrottleSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A bounded run of the pipeline over a world directory on a local MiniCluster, against the GitHub simulator:
 * what {@code replay} and {@code demo} do. Findings and dead letters are written as they arrive, to temporary files
 * that replace the output files when the run ends.
 */
final class ReplayRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run is asked to do; {@code pipeline} holds the graph's optional settings. */
    record Options(World world, Path out, Path summary, int parallelism, FetchStrategy fetchStrategy, long simLatencyMs,
            boolean simLongTail, double simErrorRate, ThrottleSettings throttle, PipelineOptions pipeline,
            CostModel simCost, long streamAboveBytes, long maxFileBytes) {

        Options(World world, Path out, Path summary, int parallelism, FetchStrategy fetchStrategy, long simLatencyMs,
                boolean simLongTail, double simErrorRate, ThrottleSettings throttle) {
            this(world, out, summary, parallelism, fetchStrategy, simLatencyMs, simLongTail, simErrorRate, throttle,
                    PipelineOptions.defaults(), null, FetchSettings.DEFAULT_STREAM_ABOVE_BYTES,
                    FetchSettings.DEFAULT_MAX_FILE_BYTES);
        }

        /** Files larger than {@code streamAbove} streamed to disk (0: none), larger than {@code max} refused. */
        Options withFileSizes(long streamAbove, long max) {
            return new Options(world, out, summary, parallelism, fetchStrategy, simLatencyMs, simLongTail,
                    simErrorRate, throttle, pipeline, simCost, streamAbove, max);
        }

        Options withLongTail(boolean longTail) {
            return new Options(world, out, summary, parallelism, fetchStrategy, simLatencyMs, longTail, simErrorRate,
                    throttle, pipeline, simCost, streamAboveBytes, maxFileBytes);
        }

        /** The graph's optional settings ({@code --documentation}, {@code --suppressions}). */
        Options withPipeline(PipelineOptions options) {
            return new Options(world, out, summary, parallelism, fetchStrategy, simLatencyMs, simLongTail,
                    simErrorRate, throttle, options, simCost, streamAboveBytes, maxFileBytes);
        }

        /** The simulator with GitHub's costs ({@code bench --github-model cost}); null for its fixed latency. */
        Options withSimCost(CostModel cost) {
            return new Options(world, out, summary, parallelism, fetchStrategy, simLatencyMs, simLongTail,
                    simErrorRate, throttle, pipeline, cost, streamAboveBytes, maxFileBytes);
        }
    }

    /** Sees every finding and dead letter as the run makes it. */
    interface Listener {
        /** Hears nothing as it happens: for callers that read the output files when the run is over. */
        Listener SILENT = new Listener() {
            @Override
            public void finding(Finding finding) {}

            @Override
            public void deadLetter(DeadLetter deadLetter) {}
        };

        void finding(Finding finding);

        void deadLetter(DeadLetter deadLetter);

        /** Something the user must know about the run as a whole; it is also listed in the summary. */
        default void warning(String message) {
            System.err.println("iocstream: warning: " + message);
        }
    }

    private ReplayRun() {}

    /** Where dead letters go: beside the findings file. */
    static Path deadLetterPath(Path out) {
        return out.resolveSibling(out.getFileName() + ".dead-letters.jsonl");
    }

    /** Where the scan records go: beside the findings file, one per push or baseline. */
    static Path scansPath(Path out) {
        return out.resolveSibling(out.getFileName() + ".scans.jsonl");
    }

    static RunSummary run(Options options, Listener listener) throws Exception {
        long started = System.nanoTime();
        long pausesBefore = TaskManagerMemory.pauses();
        World world = options.world();
        try (HeapPeak heap = HeapPeak.start();
                GitHubSimulator sim = GitHubSimulator.start(world.root(),
                        SimulatorOptions.of(options.simLatencyMs(), options.simErrorRate(), SimulatorOptions.DEFAULT_RATE_LIMIT)
                                .withLongTailLatency(options.simLongTail()).withCost(options.simCost()),
                        0);
                OutputFile findingsOut = OutputFile.create(options.out());
                OutputFile deadOut = OutputFile.create(deadLetterPath(options.out()));
                OutputFile scansOut = OutputFile.create(scansPath(options.out()));
                LocalCluster cluster = LocalCluster.start(options.parallelism())) {

            // feed dead letters travel in the feed stream, so the run's dead-letter output counts them with the rest
            List<FeedUpdate> feed = new ArrayList<>();
            FeedDirectory.Result initial = loadFeed(world.iocs(), false, feed);
            feed.add(FeedUpdate.initialLoadDone());
            FeedDirectory.Result later = loadFeed(world.iocsLater(), true, feed);
            long iocEntries = initial.matchable() + later.matchable();
            List<String> warnings = new ArrayList<>();
            FeedCoverage coverage = FeedCoverage.of(iocEntries, List.of(world.iocs(), world.iocsLater()));
            if (coverage.empty()) {
                warnings.add(coverage.warning());
                listener.warning(coverage.warning());
            }

            StreamExecutionEnvironment env = cluster.environment(options.parallelism());
            DataStream<String> lines = env.fromSource(
                    FileSource.forRecordStreamFormat(new Utf8LineFormat(),
                            new org.apache.flink.core.fs.Path(world.events().toUri())).build(),
                    WatermarkStrategy.noWatermarks(), "events").setParallelism(1);
            DataStream<FeedUpdate> feedStream = env.fromData(feed, TypeInformation.of(FeedUpdate.class));

            PipelineOutputs outputs = new IocStreamPipeline(fetchSettings(sim.baseUrl(), options), options.throttle(),
                    options.pipeline()).build(lines, "events.ndjson", feedStream);
            // one collected stream, so both outputs are drained before the local cluster shuts down
            CloseableIterator<RunOutput> results = outputs.mergedWithScans().collectAsync();
            JobClient job = env.executeAsync("iocstream replay " + world.root().getFileName());

            long deadCount = 0;
            long total = 0;
            long open = 0;
            long resolved = 0;
            long scans = 0;
            long scansNotFullyRead = 0;
            while (results.hasNext()) {
                RunOutput result = results.next();
                if (result.scan() != null) {
                    writeLine(scansOut.writer(), result.scan());
                    scans++;
                    scansNotFullyRead += result.scan().fullyRead() ? 0 : 1;
                    continue;
                }
                if (result.deadLetter() != null) {
                    writeLine(deadOut.writer(), result.deadLetter());
                    listener.deadLetter(result.deadLetter());
                    deadCount++;
                    continue;
                }
                Finding finding = result.finding();
                writeLine(findingsOut.writer(), finding);
                listener.finding(finding);
                total++;
                // a suppressed line is neither: the summary's findings count it, findings_open does not
                if (FindingStatus.OPEN.wire().equals(finding.status())) {
                    open++;
                } else if (FindingStatus.RESOLVED.wire().equals(finding.status())) {
                    resolved++;
                }
            }
            JobExecutionResult result = job.getJobExecutionResult().get();

            RunSummary summary = new RunSummary(
                    counter(result, RunCounters.EVENTS_IN), counter(result, RunCounters.PUSHES), deadCount,
                    counter(result, RunCounters.RECORDS_FAILED),
                    counter(result, RunCounters.FILES_CONSIDERED), counter(result, RunCounters.FILES_FETCHED),
                    counter(result, RunCounters.BYTES_FETCHED), counter(result, RunCounters.API_REQUESTS),
                    counter(result, RunCounters.FILES_PARTIALLY_PARSED), counter(result, RunCounters.ENTRIES_SKIPPED),
                    total, open, resolved, scans, scansNotFullyRead, iocEntries,
                    FeedDirectory.Result.merge(initial.unsupported(), later.unsupported()),
                    (System.nanoTime() - started) / 1_000_000, heap.peak(), heap.peakAfterGc(),
                    Runtime.getRuntime().maxMemory(), TaskManagerMemory.pauses() - pausesBefore,
                    options.fetchStrategy().name().toLowerCase(java.util.Locale.ROOT), options.parallelism(),
                    sim.requestCounts(), warnings);
            findingsOut.commit();
            deadOut.commit();
            scansOut.commit();
            if (options.summary() != null) {
                try (OutputFile summaryOut = OutputFile.create(options.summary())) {
                    JSON.writerWithDefaultPrettyPrinter().writeValue(summaryOut.writer(), summary);
                    summaryOut.commit();
                }
            }
            return summary;
        }
    }

    /**
     * With the throttle on, file content in flight is capped at a quarter of the heap, so a burst of large files
     * cannot outgrow memory before the throttle sees it; {@code --no-throttle} lifts both, for comparison.
     */
    private static FetchSettings fetchSettings(String baseUrl, Options options) {
        FetchSettings settings = FetchSettings.of(baseUrl, null, options.fetchStrategy())
                .withStreamAboveBytes(options.streamAboveBytes()).withMaxFileBytes(options.maxFileBytes());
        return options.throttle().enabled()
                ? settings.withMaxBytesInFlight(Runtime.getRuntime().maxMemory() / 4) : settings;
    }

    /** Adds a feed directory's package entries, indicators and dead letters to {@code feed}; returns what it read. */
    private static FeedDirectory.Result loadFeed(Path dir, boolean deferred, List<FeedUpdate> feed)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            return FeedDirectory.Result.empty();
        }
        FeedDirectory.Result read = FeedDirectory.read(dir);
        feed.addAll(FeedUpdate.of(read, deferred, null));
        return read;
    }

    private static long counter(JobExecutionResult result, String name) {
        Map<String, Object> all = result.getAllAccumulatorResults();
        Object value = all.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void writeLine(BufferedWriter writer, Object record) {
        try {
            writer.write(JsonLines.of(record));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Samples the heap in use while a run lasts, and hears the heap left after every collection; the summary
     * reports the highest of each.
     */
    static final class HeapPeak implements AutoCloseable {
        private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final Thread sampler;
        private final NotificationListener afterGc = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                long left = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
                peakAfterGc.accumulateAndGet(left, Math::max);
            }
        };
        private volatile boolean running = true;

        private HeapPeak() {
            sampler = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peak");
            sampler.setDaemon(true);
        }

        static HeapPeak start() {
            HeapPeak heap = new HeapPeak();
            heap.sampler.start();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(heap.afterGc, null, null);
            }
            return heap;
        }

        private void sample() {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }

        long peak() {
            sample();
            return peak.get();
        }

        /** The most heap any collection left. */
        long peakAfterGc() {
            return peakAfterGc.get();
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(afterGc);
                } catch (ListenerNotFoundException e) {
                    // never added: nothing to remove
                }
            }
        }
    }
}
