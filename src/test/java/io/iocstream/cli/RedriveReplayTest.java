package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.world.WorldGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-driving a replay's dead letters: a generated world replayed against a simulator that fails most requests
 * (GitHub 502/503, 429, resets, slow bodies: its error injection) leaves fetch dead letters, for whole scans and for files;
 * {@code redrive} turns them into rescans in a world copy, whose replay (the outage over) scans those refs again.
 * Which requests fail varies from run to run (the async fetch retries a lot), and a path whose scan failed is often
 * read again by a later push, so whether the first run ends with findings missing varies too; the equality holds
 * either way. {@code RedriveKafkaIT} is the deterministic case: there every scan fails and every finding comes back.
 * With those refs' findings taken from the second run, the open findings equal those of a run without failures
 * (the world's expected.jsonl, which {@link GeneratedWorldTest} shows a clean replay finds), compared on the
 * contract's fields and ref.
 */
class RedriveReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theRedrivenRefsFindWhatTheFailuresMissed() throws Exception {
        Path worldDir = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(worldDir, 8, 16, 5, 0)).generate();
        World world = World.open(worldDir);
        Set<List<String>> clean = open(expectedLines(worldDir), Set.of(), false);

        Path failed = dir.resolve("failed.jsonl");
        // the fetch stage's retries absorb most injected failures; rarely a run gets through whole, so up to three
        List<String> runs = new ArrayList<>();
        List<DeadLetter> deadLetters = List.of();
        for (int run = 0; run < 3 && deadLetters.stream().noneMatch(d -> d.stage().equals("fetch")); run++) {
            runs.add(String.valueOf(ReplayRun.run(ReplayCommand.options(world, failed, null, 2,
                    FetchStrategy.ADAPTIVE, 0, 0.95, true), ReplayRun.Listener.SILENT)));
            deadLetters = ReplayOutput.deadLetters(failed);
        }
        assertThat(deadLetters).as("the injected failures outlast the retries: " + runs)
                .anyMatch(d -> d.stage().equals("fetch"));
        List<Finding> firstRun = ReplayOutput.findings(failed);

        Path copy = dir.resolve("world-redrive");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(err, true), "redrive", "--dead-letters",
                ReplayRun.deadLetterPath(failed).toString(), "--world", worldDir.toString(), "--out-world",
                copy.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> rescans = Files.readAllLines(copy.resolve("events.ndjson"));
        assertThat(rescans).isNotEmpty().allMatch(line -> line.startsWith("{\"iocstream\":\"rescan\""));
        Set<String> redrivenRefs = new HashSet<>();
        for (String line : rescans) {
            var rescan = JSON.readTree(line);
            redrivenRefs.add(rescan.path("repository").asText() + " " + rescan.path("ref").asText());
        }

        Path redriven = dir.resolve("redriven.jsonl");
        ReplayRun.run(ReplayCommand.options(World.open(copy), redriven, null, 2, FetchStrategy.ADAPTIVE, 0, 0, true),
                ReplayRun.Listener.SILENT);

        Set<List<String>> afterRedrive = open(firstRun, redrivenRefs, false);
        afterRedrive.addAll(open(ReplayOutput.findings(redriven), redrivenRefs, true));
        assertThat(afterRedrive).isEqualTo(clean);
    }

    private static List<Finding> expectedLines(Path world) throws Exception {
        List<Finding> expected = new ArrayList<>();
        for (String line : Files.readAllLines(world.resolve("expected.jsonl"))) {
            expected.add(JSON.readValue(line, Finding.class));
        }
        return expected;
    }

    /**
     * The findings still open after {@code findings} (each finding's last line decides), on the refs in
     * {@code refs} when {@code only}, else on the refs not in it.
     */
    private static Set<List<String>> open(List<Finding> findings, Set<String> refs, boolean only) {
        // expected.jsonl has no finding ids: a finding is its fields
        Map<List<String>, String> last = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (refs.contains(f.repo() + " " + f.ref()) == only) {
                last.put(List.of(f.repo(), f.ref(), f.path(), f.kind(), String.valueOf(f.ecosystem()),
                        String.valueOf(f.packageName()), String.valueOf(f.version()), String.valueOf(f.indicator())),
                        f.status());
            }
        }
        Set<List<String>> open = new HashSet<>();
        last.forEach((finding, status) -> {
            if (status.equals("open")) {
                open.add(finding);
            }
        });
        return open;
    }
}
