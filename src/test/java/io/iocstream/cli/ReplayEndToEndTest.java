package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.core.DeadLetter;
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
 * Replays the bundled sample world through the whole pipeline on a local MiniCluster against the real
 * simulator over HTTP, and checks every finding, dead letter and counter.
 */
class ReplayEndToEndTest {

    @TempDir
    static Path dir;
    static World world;
    static RunSummary summary;
    static List<Finding> findings;
    static List<DeadLetter> deadLetters;

    @BeforeAll
    static void replaySampleWorld() throws Exception {
        world = World.open(SampleWorld.unpack(dir.resolve("world")));
        Path out = dir.resolve("findings.jsonl");
        summary = ReplayRun.run(ReplayCommand.options(world, out, dir.resolve("summary.json"), 2,
                io.iocstream.fetch.FetchStrategy.SEQUENTIAL, 0, 0, true), ReplayRun.Listener.SILENT);
        findings = new ArrayList<>();
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
        deadLetters = new ArrayList<>();
        deadLetters.addAll(ReplayOutput.deadLetters(out));
    }

    @Test
    void findsExactlyTheHijackedVersionsAndTheirResolution() {
        assertThat(findings)
                .extracting(SampleWorldFindings::fields)
                    .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.schemaVersion()).isEqualTo(1);
            assertThat(f.findingId()).matches("[0-9a-f]{32}");
            assertThat(java.time.Instant.parse(f.detectedAt())).isNotNull();
        });
        assertThat(findings).filteredOn(f -> f.kind().equals("package")).hasSize(6).allSatisfy(f -> {
            assertThat(f.ecosystem()).isEqualTo("npm");
            assertThat(f.indicator()).isNull();
            assertThat(f.severity()).isEqualTo("critical");
        });
        assertThat(findings).filteredOn(f -> !f.kind().equals("package"))
                .extracting(Finding::kind, Finding::indicator, Finding::severity, Finding::ecosystem)
                .containsExactlyInAnyOrder(tuple("workflow", "SHA1HULUD", "critical", null),
                        tuple("domain", "webhook.site", "high", null));
    }

    @Test
    void everyFindingSaysWhoPushedWhereAndWhatTheFeedSays() {
        // the sample world's events are webhook payloads, each with pusher, sender and repository.pushed_at
        assertThat(findings).filteredOn(f -> !f.trigger().equals("retro_hunt")).allSatisfy(f -> {
            assertThat(f.pusher()).isNotBlank();
            assertThat(f.sender()).isNotBlank();
            assertThat(java.time.Instant.parse(f.pushedAt())).isNotNull();
        });
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.htmlUrl()).startsWith("https://github.com/" + f.repo() + "/blob/");
            assertThat(f.feed()).isNotBlank();
        });
        // every open line links to the file at its own commit
        assertThat(findings).filteredOn(f -> f.status().equals("open"))
                .allSatisfy(f -> assertThat(f.htmlUrl()).contains("/blob/" + f.commit() + "/" + f.path()));
        // npm lockfiles say where each package is, and whether it is dev or runtime
        assertThat(findings).filteredOn(f -> f.path().endsWith("package-lock.json")).allSatisfy(f -> {
            assertThat(f.line()).isPositive();
            assertThat(f.htmlUrl()).endsWith("#L" + f.line());
            assertThat(f.scope()).isIn("runtime", "dev", "optional");
        });
        // the OSV entries' words, and the indicators' descriptions
        assertThat(findings).filteredOn(f -> f.iocIds().contains("MAL-2025-46969")).isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.summary()).isEqualTo("Malicious code in chalk (npm)");
                    assertThat(f.aliases()).containsExactly("GHSA-2v46-p5h4-248w");
                    assertThat(f.feed()).isEqualTo("osv/malicious/npm/chalk/MAL-2025-46969.json");
                });
        assertThat(findings).filteredOn(f -> f.kind().equals("domain"))
                .allSatisfy(f -> assertThat(f.summary()).isEqualTo("exfiltration endpoint used by Shai-Hulud"));
        // a host's and a workflow value's finding points at the first line that names it
        assertThat(findings).filteredOn(f -> f.kind().equals("domain") || f.kind().equals("workflow")).hasSize(2)
                .allSatisfy(f -> assertThat(f.htmlUrl()).endsWith("#L" + f.line()));
    }

    @Test
    void openAndResolvedLinesOfOneFindingShareItsId() {
        List<String> chalkOnMain = findings.stream()
                .filter(f -> f.ref().equals("refs/heads/main") && "chalk".equals(f.packageName()))
                .map(Finding::findingId).distinct().toList();
        assertThat(chalkOnMain).hasSize(1);
        long distinctIds = findings.stream().map(Finding::findingId).distinct().count();
        assertThat(distinctIds).isEqualTo(6);
    }

    @Test
    void matchesTheWorldsExpectedFile() throws Exception {
        assertThat(DemoCommand.compareWithExpected(world, findings))
                .isEqualTo("All 8 findings match the world's expected.jsonl.");
    }

    @Test
    void badLinesBecomeDeadLettersWithTheirLineAndReason() {
        assertThat(deadLetters).extracting(DeadLetter::stage, DeadLetter::origin)
                .containsExactlyInAnyOrder(
                        tuple("ingest", "events.ndjson line 5"),
                        tuple("ingest", "events.ndjson line 7"),
                        tuple("ingest", "events.ndjson line 12"));
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
        assertThat(deadLetters.stream().filter(d -> d.origin().endsWith("line 7")).findFirst().orElseThrow()
                .reason()).contains("IssuesEvent");
        assertThat(deadLetters.stream().filter(d -> d.origin().endsWith("line 5")).findFirst().orElseThrow()
                .raw()).startsWith("{\"ref\": \"refs/heads/main\"");
    }

    @Test
    void summaryCountsTheRun() throws Exception {
        assertThat(summary.eventsIn()).isEqualTo(12);
        assertThat(summary.pushes()).isEqualTo(9);
        assertThat(summary.deadLetters()).isEqualTo(3);
        assertThat(summary.findings()).isEqualTo(8);
        assertThat(summary.findingsOpen()).isEqualTo(6);
        assertThat(summary.findingsResolved()).isEqualTo(2);
        // 5 OSV entries of which 1 is withdrawn, the 2 C2 hosts litellm's entry lists, 3 indicators: what can match
        assertThat(summary.iocEntries()).isEqualTo(9);
        assertThat(summary.iocEntriesUnsupported()).isEmpty();
        assertThat(summary.warnings()).isEmpty();
        // lockfiles: baselines of storefront main (1), payments-api (1), legacy-tools (2), the feature branch (1)
        // and the tag (1); pushes: payments-api (1), storefront (1), the one the compare API adds (1) = 9;
        // package.json manifests beside them: 5 baselines and pushes with a package.json, 2 more = 7;
        // every other file is read too, for hashes and host names: the READMEs and sources of the 5 baselines
        // (9), legacy-tools' workflow (1) and the two source files that pushes changed (2) = 12
        assertThat(summary.filesFetched()).isEqualTo(28);
        assertThat(summary.apiRequests()).isEqualTo(summary.filesFetched() + 6);
        assertThat(summary.bytesFetched()).isPositive();
        assertThat(summary.wallMs()).isPositive();
        assertThat(summary.peakHeapBytes()).isPositive();
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"throttle_pauses\"", "\"api_requests\"",
                "\"ioc_entries_unsupported\"");
    }
}
