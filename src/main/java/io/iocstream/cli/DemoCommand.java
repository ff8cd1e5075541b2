package io.iocstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.match.FindingKind;
import io.iocstream.pipeline.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: replays the bundled sample world and prints findings as they happen. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay the bundled sample world through the full pipeline and print what it finds.")
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--out", description = "Also keep the findings in this file (default: not kept).")
    Path out;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast("--parallelism", parallelism, 1);
        if (out != null) {
            OutputFile.checked("--out", out, null);
        }
        try (ScratchDirectory scratch = ScratchDirectory.create("iocstream-demo-")) {
            return run(scratch.path());
        }
    }

    private int run(Path dir) throws Exception {
        PrintStream console = System.out;
        World world = World.open(SampleWorld.unpack(dir.resolve("world")));
        Path findingsFile = out != null ? out : dir.resolve("findings.jsonl");
        ReplayRun.Options options = ReplayCommand.options(world, findingsFile, null, parallelism,
                FetchStrategy.ADAPTIVE, 0, 0, true);

        long events = Files.lines(world.events()).count();
        console.printf("iocstream demo: %d events from the sample world through Flink (local MiniCluster, "
                + "parallelism %d) against the GitHub simulator%n%n", events, parallelism);
        List<Finding> findings = new ArrayList<>();
        RunSummary summary = ReplayRun.run(options, new ReplayRun.Listener() {
            @Override
            public synchronized void finding(Finding finding) {
                findings.add(finding);
                console.println(describe(finding));
            }

            @Override
            public synchronized void deadLetter(DeadLetter deadLetter) {
                console.printf("  DEAD LETTER  %-8s %s: %s%n", deadLetter.stage(), deadLetter.origin(),
                        deadLetter.reason());
            }
        });

        console.println();
        console.println("Summary");
        row(console, "events in", summary.eventsIn());
        row(console, "pushes", summary.pushes());
        row(console, "dead letters", summary.deadLetters());
        row(console, "files read in part", summary.filesPartiallyParsed());
        row(console, "IOC entries loaded", summary.iocEntries());
        row(console, "files considered", summary.filesConsidered());
        row(console, "files fetched", summary.filesFetched());
        row(console, "bytes fetched", summary.bytesFetched());
        row(console, "GitHub API requests", summary.apiRequests());
        console.printf("  %-22s %12s%n", "fetch strategy", summary.fetchStrategy());
        row(console, "findings opened", summary.findingsOpen());
        row(console, "findings resolved", summary.findingsResolved());
        row(console, "wall time (ms)", summary.wallMs());
        console.println();
        console.println(compareWithExpected(world, findings));
        console.println(out != null ? "Findings: " + options.out() : "Findings were not kept: --out FILE keeps them.");
        return 0;
    }

    static String describe(Finding f) {
        String what = FindingKind.PACKAGE.wire().equals(f.kind())
                ? f.ecosystem() + " " + f.packageName() + "@" + f.version()
                : f.kind() + " " + f.indicator();
        return String.format("  %-8s %-8s %-10s %-22s %-18s %-28s %-26s %s", f.status().toUpperCase(),
                f.severity(), f.trigger(), f.repo(), f.ref().replaceFirst("^refs/heads/", ""), f.path(), what,
                String.join(",", f.iocIds()));
    }

    private static void row(PrintStream console, String name, long value) {
        console.printf("  %-22s %,12d%n", name, value);
    }

    /**
     * Compares with the world's {@code expected.jsonl} as a multiset of the contract's keys plus status, trigger
     * and ref: stricter than the acceptance checks, so a finding on the wrong branch or for the wrong reason shows.
     */
    static String compareWithExpected(World world, List<Finding> findings) throws IOException {
        if (!Files.isRegularFile(world.expected())) {
            return "No expected.jsonl in this world to compare with.";
        }
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(world.expected())) {
            if (!line.isBlank()) {
                expected.add(key(JSON.readValue(line, Finding.class)));
            }
        }
        List<String> actual = new ArrayList<>(findings.stream().map(DemoCommand::key).toList());
        java.util.Collections.sort(expected);
        java.util.Collections.sort(actual);
        if (actual.equals(expected)) {
            return "All " + expected.size() + " findings match the world's expected.jsonl.";
        }
        List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        List<String> extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        return "Findings differ from expected.jsonl: " + missing.size() + " missing " + abbreviate(missing) + ", "
                + extra.size() + " unexpected " + abbreviate(extra);
    }

    private static String abbreviate(List<String> keys) {
        return keys.size() <= 5 ? keys.toString() : keys.subList(0, 5) + "...";
    }

    static String key(Finding f) {
        return String.join("|", f.status(), f.trigger(), f.repo(), f.ref(), f.path(), f.kind(),
                String.valueOf(f.ecosystem()), String.valueOf(f.packageName()), String.valueOf(f.version()),
                String.valueOf(f.indicator()));
    }
}
