package io.iocstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.github.sim.CostModel;
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
 * {@code bench}: replays one world with several fetch strategies against the simulator and prints wall time and API
 * requests as ratios to the first strategy, measured in the same run, with the requests GitHub's limits refused and
 * those it abandoned at its time limit. By default the simulator models GitHub's costs ({@link CostModel#GITHUB}:
 * latency growing with what an answer holds from a base of {@code --latency-ms}, the 10 s limit, points per minute);
 * {@code --github-model fixed} answers everything after {@code --latency-ms}. Every run must produce exactly the
 * world's expected findings, or the numbers are worthless and the command fails.
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

    @Option(names = "--latency-ms", defaultValue = "100",
            description = "Simulated GitHub latency per request: the base the cost model adds to.")
    long latencyMs;

    @Option(names = "--github-model", defaultValue = "cost", description = "How the simulated GitHub costs: cost "
            + "(latency grows with the objects and bytes answered, 10 s limit, points per minute) or fixed (every "
            + "answer after --latency-ms).")
    String githubModel;

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
        if (!githubModel.equals("cost") && !githubModel.equals("fixed")) {
            throw new UsageException("--github-model must be cost or fixed, not '" + githubModel + "'");
        }
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
        CostModel cost = githubModel.equals("cost") ? CostModel.GITHUB : null;
        System.out.printf("bench: %s, %d ms simulated latency%s, parallelism %d%n%n", worldName, latencyMs,
                cost == null ? " (fixed)" : " + GitHub's costs " + cost, parallelism);

        List<Map<String, Object>> results = new ArrayList<>();
        RunSummary baseline = null;
        boolean allExact = true;
        System.out.printf("%-13s %10s %9s %10s %9s %8s %9s %8s  %s%n", "strategy", "wall s", "speedup", "requests",
                "fewer x", "refused", "timed out", "findings", "expected findings");
        for (FetchStrategy strategy : strategies) {
            Path findingsFile = dir.resolve(strategy.name().toLowerCase() + ".jsonl");
            RunSummary summary = ReplayRun.run(ReplayCommand.options(opened, findingsFile, null, parallelism,
                    strategy, latencyMs, 0, true).withSimCost(cost), ReplayRun.Listener.SILENT);
            List<Finding> findings = new ArrayList<>();
            findings.addAll(ReplayOutput.findings(findingsFile));
            String exact = DemoCommand.compareWithExpected(opened, findings);
            allExact &= exact.startsWith("All ");
            baseline = baseline == null ? summary : baseline;
            Map<String, Long> answered = summary.simulatorRequests();
            long secondary = answered.getOrDefault("secondary_limited", 0L);
            // every refusal by a limit: concurrency, points per minute, the hourly budget
            long refused = secondary + answered.getOrDefault("points_limited", 0L)
                    + answered.getOrDefault("rate_limited", 0L);
            long timedOut = answered.getOrDefault("timed_out", 0L);
            double speedup = (double) baseline.wallMs() / summary.wallMs();
            double fewer = (double) baseline.apiRequests() / Math.max(1, summary.apiRequests());
            System.out.printf("%-13s %10.1f %8.1fx %10d %8.1fx %8d %9d %8d  %s%n", summary.fetchStrategy(),
                    summary.wallMs() / 1000.0, speedup, summary.apiRequests(), fewer, refused, timedOut,
                    summary.findings(), exact);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("strategy", summary.fetchStrategy());
            result.put("wall_ms", summary.wallMs());
            result.put("api_requests", summary.apiRequests());
            result.put("speedup_vs_baseline", speedup);
            result.put("request_reduction_vs_baseline", fewer);
            result.put("secondary_limited", secondary);
            result.put("refused", refused);
            result.put("timed_out", timedOut);
            result.put("findings", summary.findings());
            result.put("exact", exact);
            result.put("summary", summary);
            results.add(result);
        }
        if (report != null) {
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("world", worldName);
            written.put("latency_ms", latencyMs);
            written.put("github_model", githubModel);
            written.put("cost_model", cost == null ? null : costModel(cost));
            written.put("parallelism", parallelism);
            written.put("results", results);
            try (OutputFile file = OutputFile.create(report)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(file.writer(), written);
                file.commit();
            }
        }
        return allExact ? 0 : 1;
    }

    /** The model's constants, by name, for the JSON report. */
    private static Map<String, Object> costModel(CostModel cost) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("object_micros", cost.objectMicros());
        model.put("tree_entry_micros", cost.treeEntryMicros());
        model.put("byte_nanos", cost.byteNanos());
        model.put("time_limit_ms", cost.timeLimit().toMillis());
        model.put("graphql_points_per_minute", cost.graphQlPointsPerMinute());
        model.put("rest_points_per_minute", cost.restPointsPerMinute());
        return model;
    }
}
