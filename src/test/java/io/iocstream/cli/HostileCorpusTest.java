package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the hostile corpus (src/test/resources/hostile, described in its README.md) through the whole pipeline
 * on a local MiniCluster: the run completes, finds exactly the findings of its good files, and turns every hostile
 * input into a dead letter with a reason.
 */
class HostileCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final String HOSTILE = "acme/hostile@1111111111111111111111111111111111111111:";

    /** Where each hostile input's dead letter comes from (what the reason says may change as the stages do). */
    private static final List<String> HOSTILE_ORIGINS = List.of(
            "events.ndjson line 2",
            "acme/api@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:service/requirements.txt",
            HOSTILE + "rubygems/Gemfile.lock",
            HOSTILE + "nuget/packages.lock.json",
            HOSTILE + "binary/package-lock.json",
            HOSTILE + "empty/package-lock.json",
            HOSTILE + "nul/composer.lock",
            HOSTILE + "deep/package-lock.json",
            HOSTILE + "yaml-bomb/pnpm-lock.yaml",
            HOSTILE + "xxe/pom.xml");

    @TempDir
    static Path dir;
    static World world;
    static RunSummary summary;
    static List<Finding> findings = new ArrayList<>();
    static List<DeadLetter> deadLetters = new ArrayList<>();

    @BeforeAll
    static void replay() throws Exception {
        world = World.open(CORPUS);
        Path out = dir.resolve("findings.jsonl");
        summary = ReplayRun.run(ReplayCommand.options(world, out, null, 2, FetchStrategy.ADAPTIVE, 0, 0, true),
                ReplayRun.Listener.SILENT);
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
        deadLetters.addAll(ReplayOutput.deadLetters(out));
    }

    @Test
    void everyGoodFileStillGivesItsFindingsAndNothingElseIsFound() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(world.expected())) {
            expected.add(key(JSON.readValue(line, Finding.class)));
        }
        assertThat(expected).hasSize(6);
        assertThat(findings).extracting(HostileCorpusTest::key).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyHostileInputIsADeadLetterWithAReasonAndNoGoodFileIsOne() {
        for (String origin : HOSTILE_ORIGINS) {
            assertThat(deadLetters).as("dead letters of %s", origin)
                    .filteredOn(dead -> dead.origin().startsWith(origin))
                    .isNotEmpty()
                    .allSatisfy(dead -> assertThat(dead.reason()).isNotBlank().doesNotContain("\n"));
        }
        assertThat(deadLetters).allSatisfy(dead -> assertThat(HOSTILE_ORIGINS)
                .anySatisfy(origin -> assertThat(dead.origin()).startsWith(origin)));
        assertThat(summary.deadLetters()).isEqualTo(deadLetters.size());
    }

    @Test
    void theRunReadEveryEventAndEveryFile() {
        assertThat(summary.eventsIn()).isEqualTo(4);
        assertThat(summary.pushes()).isEqualTo(3);
        // the baseline's 14 files (hostile ones included), the second repository's README, the push's two files
        assertThat(summary.filesFetched()).isEqualTo(17);
    }

    /** The contract's comparison keys, with status, trigger and ref. */
    private static String key(Finding f) {
        return String.join(" | ", f.status(), f.trigger(), f.repo(), f.ref(), f.path(), f.kind(),
                String.valueOf(f.ecosystem()), String.valueOf(f.packageName()), String.valueOf(f.version()),
                String.valueOf(f.indicator()));
    }
}
