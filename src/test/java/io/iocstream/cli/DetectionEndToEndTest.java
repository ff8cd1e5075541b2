package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.DocumentationPolicy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.PipelineOptions;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held-out world of what the 2025 attacks used, replayed through the whole pipeline: a workflow that uses a
 * compromised action by tag (the real GHSA-mrrh-fwg8-r2c3 entry, kind {@code package}, ecosystem
 * {@code GitHub Actions}) and by commit SHA (an {@code action} indicator), a composite action that uses it by a
 * tag past the advisory's range (no finding), a branch named like the worm ({@code ref}), and the peer
 * shai-hulud-detect's C2 values (src/test/resources/ioc/shai-hulud-detect-network-iocs.csv): an IP address given
 * as {@code ip} and one given as {@code domain}, both standing in code, and a C2 domain named in a README (found
 * at severity low) and in docs/ (low too), but in code at its own severity, and a URL value matched by host and
 * path, not by its host alone. The workflow, code and README are
 * constructed for this test; the commit SHA is a made-up one, not the real compromised commit.
 */
class DetectionEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "acme/app";
    private static final String C1 = "1111111111111111111111111111111111111111";
    private static final String BAD_SHA = "0e58ed8000000000000000000000000000000000";

    private static final String WORKFLOW = """
            name: CI
            on: [push, pull_request]
            jobs:
              test:
                runs-on: self-hosted
                steps:
                  - uses: actions/checkout@v4
                  - uses: tj-actions/changed-files@v45
                  - uses: TJ-Actions/Changed-Files@%s
                  - uses: ./local-action
                  - uses: docker://alpine:3.20
            """.formatted(BAD_SHA.toUpperCase());
    private static final String COMPOSITE = """
            name: lint
            runs:
              using: composite
              steps:
                - uses: tj-actions/changed-files@v46.0.1
            """;
    private static final String CODE = """
            const primary = "http://142.11.206.73:8000/6202033";
            const fallback = "216.126.225.129:8443";
            fetch("https://sfrclak.com/x");
            const poll = "https://api.github.com/search/commits?q=firedalazer&sort=committer-date";
            """;
    /** Names api.github.com, as countless files do, but not the worm's search: no finding. */
    private static final String CLIENT = "fetch('https://api.github.com/repos/acme/app/commits?q=firedalazer');\n";
    private static final String README = "# app\nWe block sfrclak.com and 10.142.11.206.73.1 (not an address).\n";

    @TempDir
    static Path dir;
    static Path world;
    static List<Finding> findings = new ArrayList<>();
    static RunSummary summary;

    @BeforeAll
    static void replay() throws Exception {
        world = dir.resolve("world");
        Path tree = world.resolve("repos/" + REPO + "/" + C1);
        write(tree.resolve(".github/workflows/ci.yml"), WORKFLOW);
        write(tree.resolve("tools/lint/action.yml"), COMPOSITE);
        write(tree.resolve("src/c2.js"), CODE);
        write(tree.resolve("README.md"), README);
        write(tree.resolve("src/client.js"), CLIENT);
        write(tree.resolve("docs/security.html"), "<p>sfrclak.com</p>\n");
        Files.createDirectories(world.resolve("iocs/osv"));
        Files.copy(Path.of("src/test/resources/ioc/osv-github-actions/GHSA-mrrh-fwg8-r2c3.json"),
                world.resolve("iocs/osv/GHSA-mrrh-fwg8-r2c3.json"));
        Files.copy(Path.of("src/test/resources/ioc/shai-hulud-detect-network-iocs.csv"),
                world.resolve("iocs/shai-hulud-detect.csv"));
        write(world.resolve("iocs/actions.csv"), "type,value,id\n"
                + "action,tj-actions/changed-files@" + BAD_SHA + ",TEST-ACTION-SHA\n"
                + "ref,shai-hulud,TEST-REF\n");
        String zero = "0".repeat(40);
        write(world.resolve("events.ndjson"), push("refs/heads/main", zero, C1) + "\n"
                + push("refs/heads/shai-hulud", zero, C1) + "\n");
        Path out = dir.resolve("findings.jsonl");
        summary = ReplayRun.run(ReplayCommand.options(World.open(world), out, dir.resolve("summary.json"), 2,
                FetchStrategy.ADAPTIVE, 0, 0, true), ReplayRun.Listener.SILENT);
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
    }

    @Test
    void eachAttackSurfaceIsFoundWithItsKind() {
        List<String> expected = new ArrayList<>();
        for (String ref : List.of("refs/heads/main", "refs/heads/shai-hulud")) {
            expected.add(line(ref, ".github/workflows/ci.yml", "package", "GitHub Actions",
                    "tj-actions/changed-files", "v45", null, "critical"));
            expected.add(line(ref, ".github/workflows/ci.yml", "action", null, null, null,
                    "tj-actions/changed-files@" + BAD_SHA, "high"));
            expected.add(line(ref, "src/c2.js", "domain", null, null, null, "142.11.206.73", "high"));
            expected.add(line(ref, "src/c2.js", "domain", null, null, null, "216.126.225.129", "high"));
            expected.add(line(ref, "src/c2.js", "domain", null, null, null, "sfrclak.com", "high"));
            expected.add(line(ref, "src/c2.js", "domain", null, null, null,
                    "api.github.com/search/commits?q=firedalazer", "high"));
            expected.add(line(ref, "README.md", "domain", null, null, null, "sfrclak.com", "low"));
            expected.add(line(ref, "docs/security.html", "domain", null, null, null, "sfrclak.com", "low"));
        }
        expected.add(line("refs/heads/shai-hulud", "refs/heads/shai-hulud", "ref", null, null, null, "shai-hulud",
                "high"));
        assertThat(findings).allSatisfy(f -> assertThat(f.status()).isEqualTo("open"));
        assertThat(findings.stream().map(f -> line(f.ref(), f.path(), f.kind(), f.ecosystem(), f.packageName(),
                f.version(), f.indicator(), f.severity())).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theAdvisoryAndIndicatorsAreWhatTheFindingsCite() {
        assertThat(findings).filteredOn(f -> f.kind().equals("package"))
                .allSatisfy(f -> assertThat(f.iocIds()).containsExactly("GHSA-mrrh-fwg8-r2c3"));
        assertThat(findings).filteredOn(f -> "142.11.206.73".equals(f.indicator()))
                .allSatisfy(f -> assertThat(f.iocIds()).containsExactly("shai-hulud-detect:1700"));
        assertThat(summary.deadLetters()).isZero();
    }

    @Test
    void withDocumentationIgnoredTheReadmeAndDocsFindingsAreGoneAndCodesStay() throws Exception {
        Path out = dir.resolve("ignored.jsonl");
        ReplayRun.run(ReplayCommand.options(World.open(world), out, null, 2, FetchStrategy.ADAPTIVE, 0, 0, true)
                .withPipeline(PipelineOptions.defaults().withDocumentation(DocumentationPolicy.IGNORE)),
                ReplayRun.Listener.SILENT);
        List<Finding> ignored = ReplayOutput.findings(out);
        assertThat(ignored).extracting(Finding::path).doesNotContain("README.md", "docs/security.html");
        assertThat(ignored).hasSize(findings.size() - 4);
    }

    private static String line(String ref, String path, String kind, String ecosystem, String name, String version,
            String indicator, String severity) {
        return String.join(" | ", ref, path, kind, String.valueOf(ecosystem), String.valueOf(name),
                String.valueOf(version), String.valueOf(indicator), severity);
    }

    private static String push(String ref, String before, String after) throws IOException {
        ObjectNode push = JSON.createObjectNode();
        push.put("ref", ref).put("before", before).put("after", after)
                .put("created", true).put("deleted", false).put("forced", false);
        push.putObject("repository").put("name", "app").put("full_name", REPO)
                .putObject("owner").put("login", "acme");
        push.putArray("commits");
        return JSON.writeValueAsString(push);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
