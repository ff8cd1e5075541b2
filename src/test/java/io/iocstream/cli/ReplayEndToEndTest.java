package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.findings.Finding;
import io.iocstream.pipeline.DeadLetter;
import io.iocstream.pipeline.RunSummary;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S1 = "a410548e04ec054d4ce326043a91998461fa710e";
    private static final String S2 = "eacb9d8e845c478d0cf2cd9c84aebcf11e2b1188";
    private static final String S3 = "3ef98a9b22af6ad2651e480e47e9ed4c39802c59";
    private static final String P2 = "1c61293d1f5147712b6d331666e2b14427a26238";
    private static final String P3 = "682e67ecbb57e018482e68db02b7532c49dcf71c";
    private static final String L1 = "ea625984968645813814330d394eb849e954a263";

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
                io.iocstream.fetch.FetchStrategy.SEQUENTIAL, 0, 0, true), new ReplayRun.Listener() {
                    @Override
                    public void finding(Finding finding) {}

                    @Override
                    public void deadLetter(DeadLetter deadLetter) {}
                });
        findings = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            findings.add(JSON.readValue(line, Finding.class));
        }
        deadLetters = new ArrayList<>();
        for (String line : Files.readAllLines(ReplayRun.deadLetterPath(out))) {
            deadLetters.add(JSON.readValue(line, DeadLetter.class));
        }
    }

    @Test
    void findsExactlyTheHijackedVersionsAndTheirResolution() {
        assertThat(findings)
                .extracting(Finding::status, Finding::trigger, Finding::repo, Finding::ref, Finding::commit,
                        Finding::path, Finding::packageName, Finding::version, Finding::iocIds)
                .containsExactlyInAnyOrder(
                        tuple("open", "baseline", "acme/storefront", "refs/heads/main", S1, "package-lock.json",
                                "chalk", "5.6.1", List.of("MAL-2025-46969")),
                        tuple("open", "push", "acme/payments-api", "refs/heads/main", P2, "package-lock.json",
                                "debug", "4.4.2", List.of("MAL-2025-46974")),
                        tuple("resolved", "push", "acme/storefront", "refs/heads/main", S2, "package-lock.json",
                                "chalk", "5.6.1", List.of("MAL-2025-46969")),
                        tuple("open", "baseline", "acme/storefront", "refs/heads/feature/legacy-colors", S3,
                                "package-lock.json", "chalk", "5.6.1", List.of("MAL-2025-46969")),
                        tuple("resolved", "push", "acme/storefront", "refs/heads/feature/legacy-colors", S3,
                                "package-lock.json", "chalk", "5.6.1", List.of("MAL-2025-46969")),
                        tuple("open", "retro_hunt", "acme/payments-api", "refs/heads/main", P3,
                                "services/ui/package-lock.json", "@ctrl/tinycolor", "4.1.0",
                                List.of("MAL-2025-47141")),
                        tuple("open", "baseline", "acme/legacy-tools", "refs/heads/main", L1,
                                ".github/workflows/discussion.yaml", null, null, List.of("SHAI-HULUD-RUNNER")),
                        tuple("open", "baseline", "acme/legacy-tools", "refs/heads/main", L1,
                                ".github/workflows/discussion.yaml", null, null, List.of("SHAI-HULUD-EXFIL")));
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
        // 5 OSV entries, the 2 C2 hosts litellm's entry lists, 3 indicators
        assertThat(summary.iocEntries()).isEqualTo(10);
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
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"throttle_pauses\"", "\"api_requests\"");
    }
}
