package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One hostile entry beside a known pin, in every format: the pin is still reported, the hostile entry alone is a
 * dead letter naming its line or entry, and the file is counted as read in part. The files are the real fixtures
 * of src/test/resources/lockfiles with one entry inserted; CycloneDX, SPDX, pyproject.toml and the workflow have no
 * shared fixture and are constructed (after the CycloneDX 1.5 and SPDX 2.3 specifications, PEP 621, and the
 * published Shai-Hulud workflow).
 */
class HostileEntryTest {

    private static final FetchedFile.ScanContext AT =
            new FetchedFile.ScanContext("acme/app", "refs/heads/main", "c1", Trigger.PUSH, 1, 1);
    /** A version of 10,000 segments, 20 KB: the poison pill of issue 12. */
    private static final String HUGE_VERSION = "1.".repeat(10_000) + "a1";
    private static final String LONG_NAME = "evil-" + "x".repeat(300);

    /** A file with one hostile entry, the pin that must survive it, and where the hostile entry is. */
    record Case(String path, byte[] content, String pin, String entry) {
        @Override
        public String toString() {
            return path + " " + entry.substring(0, Math.min(entry.length(), 40));
        }
    }

    static Stream<Arguments> hostileEntries() {
        return Stream.of(
                // line formats: the hostile line is skipped
                lines("requirements/requirements.txt", "docopt == 0.6.1\n", "evil==" + HUGE_VERSION + "\n",
                        "PyPI docopt 0.6.1"),
                latin1Line("requirements/requirements.txt", "docopt == 0.6.1\n", "PyPI docopt 0.6.1"),
                lines("go/go.mod", "require github.com/sirupsen", "require github.com/evil/mod\n",
                        "Go github.com/sirupsen/logrus v1.9.3"),
                lines("go/go.sum", "", "github.com/evil/mod v1.0.0\n", "Go github.com/sirupsen/logrus v1.9.3"),
                latin1Line("go/go.sum", "", "Go github.com/sirupsen/logrus v1.9.3"),
                lines("gradle/gradle.lockfile", "empty=", "org.evil:mod=compileClasspath\n",
                        "Maven org.springframework.boot:spring-boot-autoconfigure 2.7.4"),
                lines("gemfile/Gemfile.lock", "    actioncable (7.0.2.2)", "    evil (1.0\n",
                        "RubyGems actioncable 7.0.2.2"),
                lines("yarn-v1/yarn.lock", "mine3@G-Rath/npm-git-repo-1:", "evil@^1.0.0 no colon\n",
                        "npm mine3 1.2.3"),
                // structured formats: the hostile entry is skipped, the document is read
                entry("yarn-berry/yarn.lock", "\"my-second-package@",
                        "\"evil@npm:1.0.0\":\n  resolution: \"evil@npm:1.0.0\"\n\n", "npm my-second-package 0.2.2",
                        "entry evil@npm:1.0.0"),
                entry("pnpm-v5/pnpm-lock.yaml", "  github.com/my-org/my-other-package/", "  /" + LONG_NAME
                        + "/1.0.0:\n    dev: false\n\n", "npm my-bitbucket-package 1.0.0", "entry evil-xxxx"),
                entry("pnpm-v9/pnpm-lock.yaml", "  is-number@", "  \"evil\\x07@1.0.0\":\n    resolution: {}\n\n",
                        "npm is-number 7.0.0", "entry evil"),
                entry("bun/bun.lock", "\"@babel/helper-string-parser\": [", "\"evil\": \"evil@1.0.0\",\n    ",
                        "npm @babel/helper-plugin-utils 7.26.5", "entry evil"),
                entry("package-lock-v1/package-lock.json", "\"string-width\": {",
                        "\"evil\": {\"version\": 123},\n    ", "npm string-width 5.1.2", "entry evil"),
                entry("package-lock-v2/package-lock.json", "\"node_modules/string-width\": {",
                        "\"node_modules/evil\": {\"name\": \"lo\\u0007dash\", \"version\": \"4.17.21\"},\n    ",
                        "npm string-width 5.1.2", "entry lo"),
                entry("npm-shrinkwrap/npm-shrinkwrap.json", "\"node_modules/wrappy\": {",
                        "\"node_modules/evil\": {\"version\": \"" + HUGE_VERSION + "\"},\n    ", "npm wrappy 1.0.2",
                        "entry evil"),
                entry("package-json/package.json", "\"deep-equal\": \"1.0.1\",", "\"evil\": 5,\n    ",
                        "npm deep-equal 1.0.1", "entry devDependencies.evil"),
                entry("composer/composer.lock", "{\n      \"name\": \"drupal/core\"",
                        "{\"name\": \"evil/mod\", \"version\": 5},\n    ", "Packagist drupal/core 10.4.5",
                        "entry packages[0]"),
                entry("pipfile/Pipfile.lock", "\"itsdangerous\": {", "\"evil\": {\"version\": [\"==1.0.0\"]},\n      ",
                        "PyPI itsdangerous 2.1.2", "entry default.evil"),
                entry("nuget/packages.lock.json", "\"Core.Dep\": {",
                        "\"Evil.Pkg\": {\"type\": \"Direct\", \"resolved\": 5},\n      ",
                        "NuGet Some.Dep.One 1.1.1", "entry net6.0.Evil.Pkg"),
                entry("cargo/Cargo.lock", "[[package]]\nname = \"aho-corasick\"", "[[package]]\nname = \"evil\"\n"
                        + "version = 5\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n",
                        "crates.io aho-corasick 0.7.18", "entry package[1]"),
                entry("poetry/poetry.lock", "[[package]]\nname = \"async-timeout\"",
                        "[[package]]\nname = [\"evil\"]\nversion = \"1.0.0\"\n\n", "PyPI async-timeout 5.0.1",
                        "entry package[0]"),
                entry("uv/uv.lock", "[[package]]\nname = \"protobuf\"",
                        "[[package]]\nname = \"evil\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n",
                        "PyPI protobuf 4.25.5", "entry evil"),
                entry("pdm/pdm.lock", "[[package]]\nname = \"toml\"",
                        "[[package]]\nname = \"evil\"\nversion = \"1.0.0\\u0007\"\n\n", "PyPI pyroute2 0.7.11",
                        "entry evil"),
                entry("maven/pom.xml", "  </dependencies>", "    <dependency><groupId>org.evil</groupId>"
                        + "<artifactId>mod</artifactId><version>1.0&#x85;</version></dependency>\n",
                        "Maven org.example:abc 1.0.1", "entry org.evil:mod"),
                constructed("bom.json", """
                        {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
                          {"type": "library", "name": "evil", "purl": "pkg:npm/evil%07@1.0.0"},
                          {"type": "library", "name": "tinycolor", "purl": "pkg:npm/%40ctrl/tinycolor@4.1.1"}]}
                        """, "npm @ctrl/tinycolor 4.1.1", "entry evil"),
                constructed("sbom.spdx.json", """
                        {"spdxVersion": "SPDX-2.3", "packages": [
                          {"name": "evil", "externalRefs": [{"referenceType": "purl",
                            "referenceLocator": "pkg:npm/evil@%s"}]},
                          {"name": "tinycolor", "externalRefs": [{"referenceType": "purl",
                            "referenceLocator": "pkg:npm/%%40ctrl/tinycolor@4.1.1"}]}]}
                        """.formatted(HUGE_VERSION), "npm @ctrl/tinycolor 4.1.1", "entry evil"),
                constructed("pyproject.toml", """
                        [project]
                        name = "app"
                        dependencies = ["requests==2.31.0", 5]
                        """, "PyPI requests 2.31.0", "entry project.dependencies[1]"),
                constructed(".github/workflows/discussion.yaml", """
                        name: Discussion Create
                        on: discussion
                        jobs:
                          process:
                            runs-on: [self-hosted, SHA1HULUD, "evil\\x1b[2J"]
                            steps:
                              - run: echo hi
                        """, "SHA1HULUD", "entry jobs.process.runs-on"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileEntries")
    void theHostileEntryAloneIsSkippedAndTheFileIsCountedAsReadInPart(Case file) throws Exception {
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction())) {
            harness.processElement(FetchedFile.content(AT, file.path(), file.content()), 0);

            InventoryUpdate update = harness.extractOutputValues().get(0);
            assertThat(update.op()).isEqualTo(FileOp.CONTENT);
            assertThat(update.facts().skippedEntries()).isEqualTo(1);
            if (file.pin().contains(" ")) {
                String[] pin = file.pin().split(" ");
                assertThat(update.facts().dependencies()).extracting(Dependency::identity).contains(new Dependency(pin[0], pin[1], pin[2]));
            } else {
                assertThat(update.facts().workflowValues()).contains("Discussion Create", file.pin());
            }
            List<DeadLetter> deadLetters =
                    harness.getSideOutput(DeadLetter.TAG).stream().map(StreamRecord::getValue).toList();
            assertThat(deadLetters).singleElement().satisfies(dead -> {
                assertThat(dead.stage()).isEqualTo("parse");
                assertThat(dead.origin()).startsWith("acme/app@c1:" + file.path() + " " + file.entry());
                assertThat(dead.reason()).isNotBlank().doesNotContain("\n");
                assertThat(dead.raw()).isNotEmpty();
            });
        }
    }

    /** A fixture with {@code line} inserted before the line that starts with {@code anchor} (empty: at the end). */
    private static Arguments lines(String fixture, String anchor, String line, String pin) {
        String text = insert(fixture, anchor, line);
        int lineNumber = text.substring(0, text.indexOf(line)).split("\n", -1).length;
        return Arguments.of(new Case(base(fixture), text.getBytes(StandardCharsets.UTF_8), pin, "line " + lineNumber));
    }

    /** A fixture with a comment line in Latin-1 ({@code # café}, not UTF-8) inserted as {@link #lines} does. */
    private static Arguments latin1Line(String fixture, String anchor, String pin) {
        String text = insert(fixture, anchor, "\u0000\n");
        int at = text.indexOf("\u0000\n");
        int lineNumber = text.substring(0, at).split("\n", -1).length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("# caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(text.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        return Arguments.of(new Case(base(fixture), bytes.toByteArray(), pin, "line " + lineNumber));
    }

    /** A fixture with {@code hostile} inserted before {@code anchor}. */
    private static Arguments entry(String fixture, String anchor, String hostile, String pin, String entry) {
        String text = insert(fixture, anchor, hostile);
        return Arguments.of(new Case(base(fixture), text.getBytes(StandardCharsets.UTF_8), pin, entry));
    }

    private static Arguments constructed(String path, String text, String pin, String entry) {
        return Arguments.of(new Case(path, text.getBytes(StandardCharsets.UTF_8), pin, entry));
    }

    /** The fixture's text with {@code inserted} before the first {@code anchor}, or at the end for an empty one. */
    private static String insert(String fixture, String anchor, String inserted) {
        String text = new String(Fixtures.lockfile(fixture), StandardCharsets.UTF_8);
        int at = anchor.isEmpty() ? text.length() : text.indexOf(anchor);
        assertThat(at).as(anchor + " in " + fixture).isNotNegative();
        return text.substring(0, at) + inserted + text.substring(at);
    }

    private static String base(String fixture) {
        return fixture.substring(fixture.indexOf('/') + 1);
    }
}
