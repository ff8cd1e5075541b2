package io.iocstream.cli;

import io.iocstream.fetch.FetchStrategy;
import io.iocstream.findings.Finding;
import io.iocstream.pipeline.DeadLetter;
import io.iocstream.throttle.ThrottleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code replay}: the full pipeline over a world directory, findings to a file. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run the full pipeline over a world directory against the GitHub simulator.")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--world", required = true, description = "World directory (events.ndjson, repos/, iocs/).")
    Path world;

    @Option(names = "--out", required = true, description = "Findings file, one JSON object a line.")
    Path out;

    @Option(names = "--summary", description = "Run summary file (JSON).")
    Path summary;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--fetch-strategy", defaultValue = "adaptive",
            description = "How files are fetched: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    FetchStrategy fetchStrategy;

    @Option(names = "--sim-latency-ms", defaultValue = "0", description = "Simulated GitHub latency per request.")
    long simLatencyMs;

    @Option(names = "--sim-long-tail", description = "Make 5% of simulated requests 10x and 1% 50x slower.")
    boolean simLongTail;

    @Option(names = "--sim-error-rate", defaultValue = "0", description = "Fraction of requests the simulator fails with 5xx.")
    double simErrorRate;

    @Option(names = "--no-throttle", description = "Disable the memory-aware throttle (for comparison runs).")
    boolean noThrottle;

    @Override
    public Integer call() throws Exception {
        ReplayRun.Options options = options(World.open(world), out, summary, parallelism, fetchStrategy,
                simLatencyMs, simErrorRate, !noThrottle).withLongTail(simLongTail);
        ReplayRun.run(options, new ReplayRun.Listener() {
            @Override
            public void finding(Finding finding) {}

            @Override
            public void deadLetter(DeadLetter deadLetter) {}
        });
        return 0;
    }

    /** Checks the run's arguments; shared with {@code demo}. */
    static ReplayRun.Options options(World world, Path out, Path summary, int parallelism,
            FetchStrategy fetchStrategy, long simLatencyMs, double simErrorRate, boolean throttle)
            throws UsageException {
        if (parallelism < 1) {
            throw new UsageException("--parallelism must be at least 1, got " + parallelism);
        }
        if (simLatencyMs < 0) {
            throw new UsageException("--sim-latency-ms must not be negative, got " + simLatencyMs);
        }
        if (!(simErrorRate >= 0 && simErrorRate < 1)) {
            throw new UsageException("--sim-error-rate must be in [0, 1), got " + simErrorRate);
        }
        requireParent(out, "--out");
        if (summary != null) {
            requireParent(summary, "--summary");
        }
        ThrottleSettings throttling = throttle ? ThrottleSettings.defaults() : ThrottleSettings.defaults().disabled();
        return new ReplayRun.Options(world, out, summary, parallelism, fetchStrategy, simLatencyMs, false,
                simErrorRate, throttling);
    }

    private static void requireParent(Path file, String option) throws UsageException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option + " directory does not exist: " + parent);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " is a directory: " + file);
        }
    }
}
