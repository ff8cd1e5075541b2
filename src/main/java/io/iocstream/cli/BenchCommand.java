package io.iocstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.world.WorldGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: replays one world with several fetch strategies against the simulator at a set latency and
 * prints wall time and API requests as ratios to the first strategy, measured in the same run. Every run must
 * produce exactly the world's expected findings, or the numbers are worthless and the command fails.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Compare fetch strategies on one world: wall time and API requests, as ratios to the first.")
final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--world", description = "World to replay (default: generate one with --repos/--pushes/--seed).")
    Path world;

    @Option(names = "--repos", defaultValue = "500", description = "Repositories of the generated world.")
    int repos;

    @Option(names = "--pushes", defaultValue = "5000", description = "Pushes of the generated world.")
    int pushes;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated world.")
    long seed;

    @Option(names = "--latency-ms", defaultValue = "100", description = "Simulated GitHub latency per request.")
    long latencyMs;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism.")
    int parallelism;

    @Option(names = "--strategies", split = ",", defaultValue = "sequential,adaptive",
            description = "Strategies to run; the first is the baseline.")
    List<FetchStrategy> strategies;

    @Option(names = "--out", description = "Also write the results as JSON to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        World given = world == null ? null : World.open(world);
        if (given == null) {
            GenWorldCommand.checkSize(repos, pushes, 0);
        }
        OptionChecks.atLeast("--latency-ms", latencyMs, 0);
        OptionChecks.atLeast("--parallelism", parallelism, 1);
        if (strategies.isEmpty()) {
            throw new UsageException("--strategies must name at least one strategy");
        }
        Path report = out == null ? null : OutputFile.checked("--out", out, given);
        try (ScratchDirectory scratch = ScratchDirectory.create("iocstream-bench-")) {
            return run(scratch.path(), given, report);
        }
    }

    private int run(Path dir, World given, Path report) throws Exception {
        Path worldDir = given == null ? dir.resolve("world") : given.root();
        if (given == null) {
            new WorldGenerator(new WorldGenerator.Settings(worldDir, repos, pushes, seed, 0)).generate();
        }
        World opened = World.open(worldDir);
        // a generated world is deleted with the run: name it by how to generate it again
        String worldName = given == null
                ? "generated world --repos " + repos + " --pushes " + pushes + " --seed " + seed
                : worldDir.toString();
        System.out.printf("bench: %s, %d ms simulated latency, parallelism %d%n%n", worldName, latencyMs, parallelism);

        List<Map<String, Object>> results = new ArrayList<>();
        RunSummary baseline = null;
        boolean allExact = true;
        System.out.printf("%-13s %10s %9s %10s %9s %10s %8s  %s%n", "strategy", "wall s", "speedup", "requests",
                "fewer x", "secondary", "findings", "expected findings");
        for (FetchStrategy strategy : strategies) {
            Path findingsFile = dir.resolve(strategy.name().toLowerCase() + ".jsonl");
            RunSummary summary = ReplayRun.run(ReplayCommand.options(opened, findingsFile, null, parallelism,
                    strategy, latencyMs, 0, true), ReplayRun.Listener.SILENT);
            List<Finding> findings = new ArrayList<>();
            findings.addAll(ReplayOutput.findings(findingsFile));
            String exact = DemoCommand.compareWithExpected(opened, findings);
            allExact &= exact.startsWith("All ");
            baseline = baseline == null ? summary : baseline;
            long secondary = summary.simulatorRequests().getOrDefault("secondary_limited", 0L);
            double speedup = (double) baseline.wallMs() / summary.wallMs();
            double fewer = (double) baseline.apiRequests() / Math.max(1, summary.apiRequests());
            System.out.printf("%-13s %10.1f %8.1fx %10d %8.1fx %10d %8d  %s%n", summary.fetchStrategy(),
                    summary.wallMs() / 1000.0, speedup, summary.apiRequests(), fewer, secondary, summary.findings(),
                    exact);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("strategy", summary.fetchStrategy());
            result.put("wall_ms", summary.wallMs());
            result.put("api_requests", summary.apiRequests());
            result.put("speedup_vs_baseline", speedup);
            result.put("request_reduction_vs_baseline", fewer);
            result.put("secondary_limited", secondary);
            result.put("findings", summary.findings());
            result.put("exact", exact);
            result.put("summary", summary);
            results.add(result);
        }
        if (report != null) {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("world", worldName);
            written.put("latency_ms", latencyMs);
            written.put("parallelism", parallelism);
            written.put("results", results);
            try (OutputFile file = OutputFile.create(report)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(file.writer(), written);
                file.commit();
            }
        }
        return allExact ? 0 : 1;
    }
}
