package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad arguments and bad configuration end with one line on stderr and exit code 2, before anything starts (no
 * simulator, no cluster, no world generated, no output touched).
 */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private void assertOneLineError(String contains) {
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString()
                .startsWith("iocstream: ").contains(contains);
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertOneLineError("a command is required");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("replay", "--world", "w", "--out", "f", "--bogus")).isEqualTo(2);
        assertOneLineError("--bogus");
    }

    @Test
    void missingWorldIsAConfigurationError() {
        assertThat(run("replay", "--world", dir.resolve("nope").toString(), "--out", dir.resolve("f").toString()))
                .isEqualTo(2);
        assertOneLineError("world directory not found");
    }

    @Test
    void unknownFetchStrategyIsAUsageError() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--fetch-strategy", "telepathy")).isEqualTo(2);
        assertOneLineError("telepathy");
    }

    @Test
    void unknownDocumentationPolicyIsAUsageError() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--documentation", "sometimes")).isEqualTo(2);
        assertOneLineError("--documentation");
    }

    @Test
    void outOfRangeNumbersAreConfigurationErrors() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--sim-error-rate", "1.5")).isEqualTo(2);
        assertOneLineError("--sim-error-rate");
    }

    @Test
    void outputDirectoryMustExist() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("no/such/f").toString()))
                .isEqualTo(2);
        assertOneLineError("--out directory does not exist");
    }

    // outputs: never inside the world, whose input they would overwrite

    @Test
    void outputOverTheWorldsOwnEventsIsRefusedAndTheEventsStayIntact() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        String events = Files.readString(world.resolve("events.ndjson"));
        assertThat(run("replay", "--world", world.toString(), "--out", world.resolve("events.ndjson").toString()))
                .isEqualTo(2);
        assertOneLineError("--out must not be inside the world directory");
        assertThat(world.resolve("events.ndjson")).hasContent(events);
    }

    @Test
    void outputThroughASymbolicLinkIntoTheWorldIsRefused() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), world.resolve("iocs"));
        assertThat(run("replay", "--world", world.toString(), "--out", link.resolve("findings.jsonl").toString()))
                .isEqualTo(2);
        assertOneLineError("--out must not be inside the world directory");
    }

    @Test
    void summaryInsideTheWorldIsRefused() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--summary", world.resolve("expected.jsonl").toString())).isEqualTo(2);
        assertOneLineError("--summary must not be inside the world directory");
    }

    @Test
    void deadLetterFileLinkedIntoTheWorldIsRefused() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        Files.createSymbolicLink(dir.resolve("f.dead-letters.jsonl"), world.resolve("events.ndjson"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString())).isEqualTo(2);
        assertOneLineError("--out's dead-letter file must not be inside the world directory");
    }

    @Test
    void summaryOverTheFindingsIsRefused() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--summary", dir.resolve("f").toString())).isEqualTo(2);
        assertOneLineError("--summary must not be the findings file");
    }

    // writability: /proc takes no new files, for root neither

    @Test
    void unwritableReplayOutputIsAUsageError() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", "/proc/iocstream-findings.jsonl"))
                .isEqualTo(2);
        assertOneLineError("--out cannot be written in /proc");
    }

    @Test
    void unwritableOutputsOfEveryOtherCommandAreUsageErrors() {
        assertThat(run("demo", "--out", "/proc/iocstream-findings.jsonl")).isEqualTo(2);
        assertThat(run("bench", "--out", "/proc/iocstream-bench.json")).isEqualTo(2);
        assertThat(run("gen-world", "--out", "/proc/iocstream-world", "--repos", "1", "--pushes", "1", "--seed", "1"))
                .isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("iocstream: --out cannot be written in /proc"));
    }

    // ranges

    @Test
    void negativeSimulatorLatencyIsAUsageError() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("sim", "--world", world.toString(), "--port", "0", "--latency-ms", "-5")).isEqualTo(2);
        assertOneLineError("--latency-ms must be at least 0, got -5");
    }

    @Test
    void outOfRangeNumbersOfEveryCommandAreUsageErrors() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("demo", "--parallelism", "0")).isEqualTo(2);
        assertThat(run("bench", "--latency-ms", "-1")).isEqualTo(2);
        assertThat(run("bench", "--repos", "0")).isEqualTo(2);
        assertThat(run("gen-world", "--out", dir.resolve("g").toString(), "--repos", "2", "--pushes", "1",
                "--seed", "1")).isEqualTo(2);
        assertThat(run("sim", "--world", world.toString(), "--port", "70000")).isEqualTo(2);
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--sim-latency-ms", "-1")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "iocstream: --parallelism must be at least 1, got 0",
                "iocstream: --latency-ms must be at least 0, got -1",
                "iocstream: --repos must be at least 1, got 0",
                "iocstream: --pushes must be at least --repos (2), got 1",
                "iocstream: --port must be between 0 and 65535, got 70000",
                "iocstream: --sim-latency-ms must be at least 0, got -1");
        assertThat(dir.resolve("g")).doesNotExist();
    }

    @Test
    void anUnknownGitHubModelOfBenchIsAUsageError() {
        assertThat(run("bench", "--github-model", "free")).isEqualTo(2);
        assertOneLineError("--github-model must be cost or fixed, not 'free'");
    }

    // existence

    @Test
    void missingWorldOfSimAndBenchIsAConfigurationError() {
        assertThat(run("sim", "--world", dir.resolve("nope").toString(), "--port", "0")).isEqualTo(2);
        assertThat(run("bench", "--world", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "iocstream: world has no repos/ directory: " + dir.resolve("nope"),
                "iocstream: world directory not found: " + dir.resolve("nope"));
    }
}
