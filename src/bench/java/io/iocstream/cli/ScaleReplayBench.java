package io.iocstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.feeds.FeedDirectory;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.findings.JsonLines;
import io.iocstream.ingest.Utf8LineFormat;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.pipeline.RunOutput;
import io.iocstream.throttle.ThrottleSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A generated world replayed through the one pipeline with its keyed state in RocksDB, as the production job keeps
 * it (issue 18): how throughput and memory grow with the world. The simulator runs as a process of its own, so the
 * heap measured is the pipeline's; RocksDB gets the managed memory of the production task manager (flink-conf:
 * 0.2 of 2 GB). Every few seconds: pushes scanned, heap, heap after the last GC and RocksDB's local directory. The
 * run must give the world's expected findings exactly (compared as {@code demo} and {@code replay} compare them),
 * or its numbers mean nothing and it fails.
 *
 * <pre>
 * bin/iocstream gen-world --out /tmp/w50k --repos 5000 --pushes 50000 --seed 18
 * mvn -q -Pbench test-compile exec:exec@scale-replay -Dbench.args="--world /tmp/w50k"
 * </pre>
 *
 * <p>Checkpoints are taken every 30 s, incremental, as flink-conf has the job take them.
 */
public final class ScaleReplayBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MB = 1024 * 1024;
    private static final String ZERO = "0".repeat(40);

    private final AtomicLong lastAfterGc = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong scans = new AtomicLong();
    private final long started = System.nanoTime();

    public static void main(String[] argv) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path world = null;
        int parallelism = 2;
        long latencyMs = 0;
        int sampleSeconds = 10;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--world" -> world = Path.of(argv[++i]);
                case "--parallelism" -> parallelism = Integer.parseInt(argv[++i]);
                case "--latency-ms" -> latencyMs = Long.parseLong(argv[++i]);
                case "--sample-seconds" -> sampleSeconds = Integer.parseInt(argv[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + argv[i]
                        + " (--world DIR --parallelism N --latency-ms MS --sample-seconds N)");
            }
        }
        if (world == null) {
            throw new IllegalArgumentException("--world DIR is required (bin/iocstream gen-world writes one)");
        }
        Path dir = Files.createTempDirectory("iocstream-scale-replay-");
        boolean exact;
        try {
            exact = new ScaleReplayBench().run(World.open(world), dir, parallelism, latencyMs, sampleSeconds);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        // after the scratch directory is gone: System.exit skips finally blocks
        System.exit(exact ? 0 : 1);
    }

    private boolean run(World world, Path dir, int parallelism, long latencyMs, int sampleSeconds) throws Exception {
        HeapAfterGc.listen(left -> {
            lastAfterGc.set(left);
            peakAfterGc.accumulateAndGet(left, Math::max);
        });
        long pushes;
        try (Stream<String> lines = Files.lines(world.events())) {
            pushes = lines.count();
        }
        System.out.printf("%nScale replay of %s: %,d pushes, RocksDB state, parallelism %d, simulator latency %d ms; "
                + "%d cores, load average %.2f at the start, max heap %d MB%n", world.root(), pushes, parallelism,
                latencyMs, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() / MB);
        Configuration flink = new Configuration();
        flink.setString("rest.bind-port", "0");
        flink.setString("state.backend.type", "rocksdb");
        flink.setString("state.backend.rocksdb.localdir", Files.createDirectories(dir.resolve("rocksdb")).toString());
        // checkpoints as the production job takes them (flink-conf): they also flush RocksDB's memtables to SST
        // files, whose size is then the state's
        flink.setString("execution.checkpointing.interval", "30s");
        flink.setString("execution.checkpointing.incremental", "true");
        flink.setString("execution.checkpointing.dir", Files.createDirectories(dir.resolve("checkpoints")).toUri()
                .toString());
        flink.setString("taskmanager.memory.managed.size", "317m");
        // RocksDB's own figures: what its memtables hold (off-heap, in managed memory) and its SST files on disk
        flink.setString("state.backend.rocksdb.metrics.size-all-mem-tables", "true");
        flink.setString("state.backend.rocksdb.metrics.estimate-live-data-size", "true");
        int promPort = LiveLatencyBench.freePort();
        flink.setString("metrics.reporters", "prom");
        flink.setString("metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        flink.setString("metrics.reporter.prom.port", String.valueOf(promPort));
        PrometheusScrape metrics = new PrometheusScrape(promPort);
        Path findingsFile = dir.resolve("findings.jsonl");
        long findings = 0;
        long runtimeMs;
        long peakRocksDb = 0;
        long peakLive = 0;
        List<String> series = new ArrayList<>();
        try (SimulatorProcess sim = SimulatorProcess.start(world.root(), latencyMs, dir.resolve("sim.log"));
                LocalCluster cluster = LocalCluster.start(flink, parallelism);
                BufferedWriter out = Files.newBufferedWriter(findingsFile)) {
            List<FeedUpdate> feed = new ArrayList<>();
            feed.addAll(FeedUpdate.of(FeedDirectory.read(world.iocs()), false, null));
            feed.add(FeedUpdate.initialLoadDone());
            if (Files.isDirectory(world.iocsLater())) {
                feed.addAll(FeedUpdate.of(FeedDirectory.read(world.iocsLater()), true, null));
            }
            StreamExecutionEnvironment env = cluster.environment(parallelism);
            DataStream<String> lines = env.fromSource(FileSource.forRecordStreamFormat(new Utf8LineFormat(),
                    new org.apache.flink.core.fs.Path(world.events().toUri())).build(),
                    WatermarkStrategy.noWatermarks(), "events").setParallelism(1);
            PipelineOutputs outputs = new IocStreamPipeline(FetchSettings.of(sim.baseUrl(), null,
                    FetchStrategy.ADAPTIVE).withMaxBytesInFlight(Runtime.getRuntime().maxMemory() / 4),
                    ThrottleSettings.defaults())
                    .build(lines, "events.ndjson", env.fromData(feed, TypeInformation.of(FeedUpdate.class)));
            CloseableIterator<RunOutput> results = outputs.mergedWithScans().collectAsync();
            feed = null;
            JobClient job = env.executeAsync("iocstream scale replay");
            Thread sampler = new Thread(() -> sample(metrics, sampleSeconds, series), "sampler");
            sampler.setDaemon(true);
            sampler.start();
            while (results.hasNext()) {
                RunOutput result = results.next();
                if (result.scan() != null) {
                    scans.incrementAndGet();
                } else if (result.finding() != null) {
                    out.write(JsonLines.of(result.finding()));
                    out.newLine();
                    findings++;
                }
            }
            JobExecutionResult result = job.getJobExecutionResult().get();
            runtimeMs = result.getNetRuntime();
            sampler.interrupt();
            sampler.join();
            peakRocksDb = series.stream().mapToLong(line -> Long.parseLong(line.split("\t")[1])).max().orElse(0);
            peakLive = series.stream().mapToLong(line -> Long.parseLong(line.split("\t")[2])).max().orElse(0);
        }

        long branches = liveBranches(world.events());
        List<Finding> found = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(findingsFile)) {
            String line;
            while ((line = in.readLine()) != null) {
                found.add(JSON.readValue(line, Finding.class));
            }
        }
        String comparison = DemoCommand.compareWithExpected(world, found);
        boolean exact = comparison.startsWith("All ");
        System.out.printf("%nEvery %d s: scans out, RocksDB's live data in SST files (estimate-live-data-size, all "
                + "column families; checkpoints flush the memtables), its memtables (off-heap, managed memory), "
                + "and the live heap (after a full GC the sampler asks for):%n", sampleSeconds);
        series.forEach(line -> {
            String[] f = line.split("\t");
            System.out.printf("  t=%6s s  scans %,10d  RocksDB live data %,8d KB (memtables %,8d KB)  live heap "
                    + "%6d MB%n", f[0],
                    Long.parseLong(f[3]), Long.parseLong(f[1]) / 1024, Long.parseLong(f[4]) / 1024,
                    Long.parseLong(f[2]) / MB);
        });
        System.out.printf("%n| world | pushes | wall time (job) | pushes/s | live heap at most | heap after a young "
                + "GC at most | RocksDB live data at most | branches at the end | RocksDB bytes per branch "
                + "| findings |%n");
        System.out.printf("| %s | %,d | %.1f s | %,.0f | %d MB | %d MB | %.1f MB | %,d | %,d | %,d: %s |%n",
                world.root().getFileName(), pushes, runtimeMs / 1e3, pushes / (runtimeMs / 1e3), peakLive / MB,
                peakAfterGc.get() / MB, peakRocksDb / (double) MB, branches,
                branches == 0 ? 0 : peakRocksDb / branches, findings, exact ? "exact" : comparison);
        System.out.printf("Load average at the end: %.2f; wall time since the bench started %.1f s%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                (System.nanoTime() - started) / 1e9);
        return exact;
    }

    /** The branches (repository and ref) that exist after every push: created or pushed to, not deleted since. */
    private static long liveBranches(Path events) throws IOException {
        Set<String> live = new HashSet<>();
        try (BufferedReader lines = Files.newBufferedReader(events)) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode event = JSON.readTree(line);
                boolean webhook = event.has("repository");
                String repo = webhook ? event.path("repository").path("full_name").asText()
                        : event.path("repo").path("name").asText();
                String ref = webhook ? event.path("ref").asText() : event.path("payload").path("ref").asText();
                String head = webhook ? event.path("after").asText() : event.path("payload").path("head").asText();
                if (head.equals(ZERO)) {
                    live.remove(repo + " " + ref);
                } else {
                    live.add(repo + " " + ref);
                }
            }
        }
        return live.size();
    }

    /**
     * Samples until interrupted. The live heap is read after a full collection asked for here (G1's young
     * collections leave old garbage in place until a mixed one, so their figure grows with no leak): about a tenth
     * of a second every sample, which the throughput pays.
     */
    private void sample(PrometheusScrape metrics, int seconds, List<String> series) {
        while (true) {
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rocksDb = metrics.sum("estimate_live_data_size");
            synchronized (series) {
                series.add(String.format("%.0f\t%d\t%d\t%d\t%d", (System.nanoTime() - started) / 1e9,
                        rocksDb, live, scans.get(), metrics.sum("size_all_mem_tables")));
            }
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
