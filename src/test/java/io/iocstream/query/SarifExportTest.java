package io.iocstream.query;

import static io.iocstream.query.FindingRecords.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open findings as SARIF for code scanning: one file per repository and ref at its newest commit, a result per open
 * finding with its advisory as rule, the finding id as fingerprint and its file (and line) as location; a ref whose
 * findings all resolved gets a file without results, so its upload closes their alerts.
 */
class SarifExportTest {

    static final String MAIN_HEAD = "c".repeat(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Findings of every kind over two repositories and three refs, some resolved, one suppressed. */
    static Path fixture(Path file) throws Exception {
        return FindingRecords.write(file,
                finding("f1", "open", "2026-12-05T10:00:00Z", "ioc_ids", List.of("MAL-2025-2", "GHSA-abcd-efgh-ijkl"),
                        "line", 12, "summary", "Malicious code in left-pad (npm)",
                        "references", List.of("https://example.org/advisory",
                                Map.of("type", "WEB", "url", "https://example.org/osv-form")),
                        "aliases", List.of("GHSA-abcd-efgh-ijkl", "SNYK-JS-LEFTPAD-1")),
                finding("f2", "open", "2026-12-05T10:00:01Z", "kind", "domain", "ecosystem", null, "package", null,
                        "version", null, "indicator", "webhook.site", "ioc_ids", List.of("indicators.csv:4"),
                        "severity", "high", "path", "src/app config#1.js"),
                finding("f3", "open", "2026-12-05T10:00:02Z", "package", "chalk", "version", "5.6.1",
                        "ioc_ids", List.of("MAL-2025-3")),
                finding("f3", "resolved", "2026-12-05T11:00:00Z", "package", "chalk", "version", "5.6.1",
                        "ioc_ids", List.of("MAL-2025-3"), "commit", MAIN_HEAD),
                finding("f4", "open", "2026-12-05T10:00:03Z", "kind", "workflow", "ecosystem", null, "package", null,
                        "version", null, "indicator", "Shai-Hulud Migration", "ioc_ids", List.of("indicators.csv:7"),
                        "path", ".github/workflows/shai-hulud-workflow.yml", "line", 1),
                finding("f5", "open", "2026-12-05T10:00:04Z", "ref", "refs/heads/feature/x", "commit", "d".repeat(40)),
                finding("f5", "resolved", "2026-12-05T12:00:00Z", "ref", "refs/heads/feature/x",
                        "commit", "e".repeat(40)),
                finding("f6", "open", "2026-12-05T10:00:05Z", "repo", "acme/api", "kind", "file_hash",
                        "ecosystem", null, "package", null, "version", null, "indicator", "4b".repeat(32),
                        "ioc_ids", List.of("indicators.csv:9"), "severity", "medium", "path", "dist/bundle.js",
                        "commit", "f".repeat(40)),
                finding("f7", "open", "2026-12-05T10:00:06Z", "repo", "acme/api", "kind", "action",
                        "ecosystem", null, "package", null, "version", null, "indicator", "evil/action@v1",
                        "ioc_ids", List.of("indicators.csv:10"), "severity", "low",
                        "path", ".github/workflows/ci.yml", "commit", "f".repeat(40)),
                finding("f8", "open", "2026-12-05T10:00:07Z", "repo", "acme/api", "kind", "file_name",
                        "ecosystem", null, "package", null, "version", null, "indicator", "bundle.js",
                        "ioc_ids", List.of("indicators.csv:11"), "path", "docs/ümlaut/bundle.js",
                        "commit", "f".repeat(40)),
                finding("f9", "open", "2026-12-05T10:00:08Z", "repo", "acme/api", "kind", "ref", "ecosystem", null,
                        "package", null, "version", null, "indicator", "shai-hulud",
                        "ioc_ids", List.of("indicators.csv:12"), "ref", "refs/heads/shai-hulud", "path", "",
                        "commit", "f".repeat(40)),
                finding("f10", "open", "2026-12-05T10:00:09Z", "repo", "acme/api", "commit", "f".repeat(40)),
                finding("f10", "suppressed", "2026-12-05T10:30:00Z", "repo", "acme/api", "commit", "f".repeat(40)));
    }

    @Test
    void oneFilePerRepositoryAndRefAtItsNewestCommitListedInUploads() throws Exception {
        List<SarifExport.Upload> uploads = export();

        assertThat(uploads).extracting(upload -> upload.repository() + " " + upload.ref() + " "
                        + upload.commitSha().charAt(0) + " " + upload.results())
                .containsExactly("acme/api refs/heads/main f 3", "acme/api refs/heads/shai-hulud f 1",
                        "acme/web refs/heads/feature/x e 0", "acme/web refs/heads/main c 3");
        for (SarifExport.Upload upload : uploads) {
            assertThat(dir.resolve("sarif").resolve(upload.sarif())).exists()
                    .hasFileName(upload.commitSha() + ".sarif");
        }
        assertThat(uploads.get(3).sarif()).isEqualTo("acme/web/refs/heads/main/" + MAIN_HEAD + ".sarif");
        List<JsonNode> index = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("sarif/uploads.jsonl"))) {
            index.add(JSON.readTree(line));
        }
        assertThat(index).hasSize(4);
        assertThat(index.get(3).get("commit_sha").asText()).isEqualTo(MAIN_HEAD);
        assertThat(index.get(3).get("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(index.get(3).get("repository").asText()).isEqualTo("acme/web");
    }

    @Test
    void eachOpenFindingIsOneResultOfItsAdvisorysRuleLocatedAtItsFile() throws Exception {
        export();
        JsonNode run = run("acme/web/refs/heads/main/" + MAIN_HEAD + ".sarif");

        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("iocstream");
        assertThat(run.at("/automationDetails/id").asText()).isEqualTo(SarifExport.CATEGORY);
        assertThat(run.at("/versionControlProvenance/0/revisionId").asText()).isEqualTo(MAIN_HEAD);
        assertThat(run.at("/versionControlProvenance/0/repositoryUri").asText())
                .isEqualTo("https://github.example.com/acme/web");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(3);
        List<String> fingerprints = new ArrayList<>();
        for (JsonNode result : results) {
            fingerprints.add(result.at("/partialFingerprints/" + SarifExport.FINGERPRINT.replace("/", "~1")).asText());
            JsonNode rule = run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt());
            assertThat(rule.get("id").asText()).isEqualTo(result.get("ruleId").asText());
        }
        assertThat(fingerprints).containsExactly("f4", "f1", "f2");

        JsonNode pkg = results.get(1);
        // the first of the finding's ids in sort order is its advisory
        assertThat(pkg.get("ruleId").asText()).isEqualTo("GHSA-abcd-efgh-ijkl");
        assertThat(pkg.get("level").asText()).isEqualTo("error");
        assertThat(pkg.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("package-lock.json");
        assertThat(pkg.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
        assertThat(pkg.at("/message/text").asText()).contains("left-pad 1.3.0", "package-lock.json",
                "GHSA-abcd-efgh-ijkl, MAL-2025-2");
        JsonNode rule = run.at("/tool/driver/rules/" + pkg.get("ruleIndex").asInt());
        assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("Malicious code in left-pad (npm)");
        assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("9.5");
        assertThat(rule.get("helpUri").asText()).isEqualTo("https://osv.dev/vulnerability/GHSA-abcd-efgh-ijkl");
        assertThat(rule.at("/help/markdown").asText()).contains("<https://example.org/advisory>",
                "<https://example.org/osv-form>");
        assertThat(rule.at("/fullDescription/text").asText()).endsWith("Also known as GHSA-abcd-efgh-ijkl, "
                + "SNYK-JS-LEFTPAD-1.");

        JsonNode domain = results.get(2);
        assertThat(domain.get("level").asText()).isEqualTo("error");
        assertThat(domain.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("src/app%20config%231.js");
        // GitHub needs a start line: a finding without one points at the file's first line
        assertThat(domain.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
        JsonNode domainRule = run.at("/tool/driver/rules/" + domain.get("ruleIndex").asInt());
        assertThat(domainRule.at("/properties/security-severity").asText()).isEqualTo("8.0");
        assertThat(domainRule.has("helpUri")).as("no advisory page for a CSV row").isFalse();
    }

    @Test
    void severitiesBecomeLevelsAndScoresAndResolvedOrSuppressedFindingsAreLeftOut() throws Exception {
        export();
        JsonNode run = run("acme/api/refs/heads/main/" + "f".repeat(40) + ".sarif");

        List<String> levels = new ArrayList<>();
        run.get("results").forEach(result -> levels.add(result.at("/properties/finding_id").asText() + " "
                + result.get("level").asText() + " " + run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt()
                + "/properties/security-severity").asText()));
        assertThat(levels).containsExactly("f7 note 3.0", "f6 warning 5.5", "f8 error 9.5");
        assertThat(run.at("/results/2/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("docs/%C3%BCmlaut/bundle.js");
    }

    @Test
    void aRefWhoseFindingsAllResolvedGetsAnEmptyAnalysis() throws Exception {
        export();
        JsonNode run = run("acme/web/refs/heads/feature/x/" + "e".repeat(40) + ".sarif");

        assertThat(run.get("results")).isNotNull().isEmpty();
        assertThat(run.at("/tool/driver/rules")).isEmpty();
        assertThat(run.at("/versionControlProvenance/0/branch").asText()).isEqualTo("refs/heads/feature/x");
    }

    @Test
    void namesThatWouldLeadOutOfTheDirectoryAreRefused() {
        Path out = dir.resolve("sarif");
        assertThatThrownBy(() -> SarifExport.fileOf(out, "acme/web", "refs/heads/../../../etc", "a".repeat(40)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SarifExport.fileOf(out, "../../x", "refs/heads/main", "a".repeat(40)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SarifExport.fileOf(out, "acme/web", "refs/tags/v1.0", "a".repeat(40)))
                .isEqualTo(out.resolve("acme/web/refs/tags/v1.0/" + "a".repeat(40) + ".sarif"));
    }

    private List<SarifExport.Upload> export() throws Exception {
        Path findings = fixture(dir.resolve("findings.jsonl"));
        Files.createDirectories(dir.resolve("sarif"));
        try (FindingsDatabase database = FindingsDatabase.open(List.of(findings))) {
            return SarifExport.write(database, dir.resolve("sarif"), "https://github.example.com/");
        }
    }

    private JsonNode run(String file) throws Exception {
        JsonNode log = JSON.readTree(dir.resolve("sarif").resolve(file).toFile());
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).isEqualTo(SarifLog.SCHEMA);
        assertThat(log.get("runs")).hasSize(1);
        return log.get("runs").get(0);
    }
}
