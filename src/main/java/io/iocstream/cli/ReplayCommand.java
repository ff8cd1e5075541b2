package io.iocstream.cli;

import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.DocumentationPolicy;
import io.iocstream.match.Finding;
import io.iocstream.match.SuppressionException;
import io.iocstream.match.Suppressions;
import io.iocstream.pipeline.PipelineOptions;
import io.iocstream.throttle.ThrottleSettings;
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

    @Option(names = "--stream-above-bytes", defaultValue = "4194304", description = "Files larger than this are "
            + "streamed to a spool file on local disk and parsed from there, never held whole in the heap; 0: "
            + "never (default ${DEFAULT-VALUE}).")
    long streamAboveBytes;

    @Option(names = "--max-file-bytes", defaultValue = "104857600", description = "Larger files are dead letters "
            + "(default ${DEFAULT-VALUE}, GitHub's 100 MB).")
    long maxFileBytes;

    @Option(names = "--documentation", defaultValue = "low", description = "How a domain or IP address named in "
            + "documentation (README, *.md, docs/) counts: ignore, low or same (default ${DEFAULT-VALUE}).")
    String documentation;

    @Option(names = "--suppressions", description = "Suppressions file (YAML or JSON; docs/suppressions.md): the "
            + "findings it covers are written with status suppressed.")
    Path suppressions;

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast("--stream-above-bytes", streamAboveBytes, 0);
        OptionChecks.atLeast("--max-file-bytes", maxFileBytes, 1);
        ReplayRun.Options options = options(World.open(world), out, summary, parallelism, fetchStrategy,
                simLatencyMs, simErrorRate, !noThrottle).withLongTail(simLongTail)
                .withPipeline(PipelineOptions.defaults()
                        .withDocumentation(documentationPolicy(documentation))
                        .withSuppressions(suppressions(suppressions)))
                .withFileSizes(streamAboveBytes, maxFileBytes);
        ReplayRun.run(options, new ReplayRun.Listener() {
            @Override
            public void finding(Finding finding) {}

            @Override
            public void deadLetter(DeadLetter deadLetter) {}
        });
        return 0;
    }

    /** The suppressions file's entries, checked: a bad one is a usage error, one line that names it. */
    static Suppressions suppressions(Path file) throws UsageException {
        if (file == null) {
            return Suppressions.none();
        }
        try {
            return Suppressions.read(file);
        } catch (SuppressionException e) {
            throw new UsageException("--suppressions: " + e.getMessage());
        }
    }

    /**
     * Checks the run's arguments before anything starts; shared with {@code demo} and {@code bench}. The outputs
     * come back as the real paths they will be written to.
     */
    static ReplayRun.Options options(World world, Path out, Path summary, int parallelism,
            FetchStrategy fetchStrategy, long simLatencyMs, double simErrorRate, boolean throttle)
            throws UsageException {
        OptionChecks.atLeast("--parallelism", parallelism, 1);
        OptionChecks.atLeast("--sim-latency-ms", simLatencyMs, 0);
        OptionChecks.fraction("--sim-error-rate", simErrorRate);
        Path findings = OutputFile.checked("--out", out, world);
        Path deadLetters = OutputFile.checked("--out's dead-letter file", ReplayRun.deadLetterPath(findings), world);
        Path scans = OutputFile.checked("--out's scans file", ReplayRun.scansPath(findings), world);
        Path summaryFile = summary == null ? null : OutputFile.checked("--summary", summary, world);
        if (findings.equals(summaryFile) || deadLetters.equals(summaryFile) || scans.equals(summaryFile)) {
            throw new UsageException("--summary must not be the findings file, its dead-letter file or its scans "
                    + "file: " + summary);
        }
        ThrottleSettings throttling = throttle ? ThrottleSettings.defaults() : ThrottleSettings.defaults().disabled();
        return new ReplayRun.Options(world, findings, summaryFile, parallelism, fetchStrategy, simLatencyMs, false,
                simErrorRate, throttling);
    }

    /** The {@code --documentation} word's policy. */
    static DocumentationPolicy documentationPolicy(String word) throws UsageException {
        DocumentationPolicy policy = DocumentationPolicy.ofWord(word);
        if (policy == null) {
            throw new UsageException("--documentation must be ignore, low or same, not '" + word + "'");
        }
        return policy;
    }
}
