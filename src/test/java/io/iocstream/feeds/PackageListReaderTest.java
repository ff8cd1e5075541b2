package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.core.DeadLetter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TXT package lists: the real Shai-Hulud list excerpt (ioc/, see SOURCES.tsv), whose expectations the test works
 * out from the file's lines itself, and constructed lists for the forms and faults the excerpt lacks.
 */
class PackageListReaderTest {

    static final Path ROOT = Path.of("src/test/resources/ioc");
    static final Path LIST = ROOT.resolve("shai-hulud-compromised-packages-excerpt.txt");
    static final String FEED = "shai-hulud-compromised-packages-excerpt.txt";

    static List<String> lines;
    static FeedDirectory.Result read;

    @BeforeAll
    static void readRealList() throws Exception {
        lines = Files.readAllLines(LIST);
        read = FeedDirectory.readFile(ROOT, LIST);
    }

    @Test
    void everyEntryLineOfTheRealListLoadsAndNothingElse() {
        long entryLines = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.indicators()).isEmpty();
        assertThat(read.packages()).hasSize((int) entryLines);
    }

    @Test
    void countsPerEcosystemFollowTheLinePrefixes() {
        long pypi = lines.stream().filter(l -> l.startsWith("pypi:")).count();
        long composer = lines.stream().filter(l -> l.startsWith("composer:")).count();
        // a bare line has exactly one ':' and no ecosystem word before it
        long bare = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .filter(l -> l.chars().filter(c -> c == ':').count() == 1).count();
        Map<String, Long> byEcosystem = read.packages().stream()
                .collect(Collectors.groupingBy(IocEntry::ecosystem, Collectors.counting()));
        assertThat(pypi).isPositive();
        assertThat(composer).isPositive();
        assertThat(byEcosystem).containsOnly(Map.entry("PyPI", pypi), Map.entry("Packagist", composer),
                Map.entry("npm", bare));
    }

    @Test
    void aScopedNpmLineIsItsNameAndVersionWithTheFileAndLineAsId() {
        assertEntry("@ctrl/tinycolor:4.1.1", "npm", "@ctrl/tinycolor", "4.1.1");
    }

    @Test
    void prefixedLinesMapToOsvEcosystemNames() {
        assertEntry("pypi:litellm:1.82.7", "PyPI", "litellm", "1.82.7");
        assertEntry("composer:laravel-lang/lang:15.29.5", "Packagist", "laravel-lang/lang", "15.29.5");
    }

    @Test
    void entriesAreCriticalExactVersionsOfTheirFeed() {
        assertThat(read.packages()).allSatisfy(entry -> {
            assertThat(entry.severity()).isEqualTo("critical");
            assertThat(entry.feed()).isEqualTo(FEED);
            assertThat(entry.allVersions()).isFalse();
            assertThat(entry.withdrawn()).isFalse();
            assertThat(entry.versions()).hasSize(1);
        });
    }

    @Test
    void everyPrefixAndFormOfAConstructedList(@TempDir Path root) throws Exception {
        Path file = write(root, "lists/constructed.txt", """
                # constructed for this test
                go:github.com/example-org/mod/v2:v2.1.0
                crates:example-crate:0.1.2
                gem:example-gem:1.0.0
                maven:org.example.group:example-artifact:3.4.5
                nuget:Example.Package:1.2.3
                npm:example-npm:1.0.0
                @example-scope/pkg@2.0.0
                plain-pkg@0.0.1
                npm:@example-scope/other@3.0.0
                go:1.0.0
                """);
        FeedDirectory.Result result = FeedDirectory.readFile(root, file);
        assertThat(result.deadLetters()).isEmpty();
        assertThat(result.packages()).extracting(IocEntry::id, IocEntry::ecosystem, IocEntry::name, IocEntry::versions)
                .containsExactly(
                        tuple("lists/constructed.txt:2", "Go", "github.com/example-org/mod/v2", Set.of("v2.1.0")),
                        tuple("lists/constructed.txt:3", "crates.io", "example-crate", Set.of("0.1.2")),
                        tuple("lists/constructed.txt:4", "RubyGems", "example-gem", Set.of("1.0.0")),
                        tuple("lists/constructed.txt:5", "Maven", "org.example.group:example-artifact",
                                Set.of("3.4.5")),
                        tuple("lists/constructed.txt:6", "NuGet", "Example.Package", Set.of("1.2.3")),
                        tuple("lists/constructed.txt:7", "npm", "example-npm", Set.of("1.0.0")),
                        tuple("lists/constructed.txt:8", "npm", "@example-scope/pkg", Set.of("2.0.0")),
                        tuple("lists/constructed.txt:9", "npm", "plain-pkg", Set.of("0.0.1")),
                        tuple("lists/constructed.txt:10", "npm", "@example-scope/other", Set.of("3.0.0")),
                        // two parts are name:version, even when the name is an ecosystem word
                        tuple("lists/constructed.txt:11", "npm", "go", Set.of("1.0.0")));
    }

    @Test
    void badLinesAreDeadLettersAndTheGoodOnesStillLoad(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed-bad.txt", """
                good-one:1.0.0
                cargo:serde:1.0.0
                just-a-name
                pypi:a:b:1.0
                maven:only-artifact:1.0
                empty-version:
                @scope-only
                two words:1.0
                good-two@2.0.0
                """);
        FeedDirectory.Result result = FeedDirectory.readFile(root, file);
        assertThat(result.packages()).extracting(IocEntry::name).containsExactly("good-one", "good-two");
        assertThat(result.deadLetters()).extracting(DeadLetter::origin, DeadLetter::raw).containsExactly(
                tuple(file + ":2", "cargo:serde:1.0.0"),
                tuple(file + ":3", "just-a-name"),
                tuple(file + ":4", "pypi:a:b:1.0"),
                tuple(file + ":5", "maven:only-artifact:1.0"),
                tuple(file + ":6", "empty-version:"),
                tuple(file + ":7", "@scope-only"),
                tuple(file + ":8", "two words:1.0"));
        assertThat(result.deadLetters()).allSatisfy(d -> assertThat(d.stage()).isEqualTo("feed"));
        assertThat(result.deadLetters().get(0).reason()).startsWith("unknown ecosystem prefix 'cargo'");
        assertThat(result.deadLetters().get(3).reason()).contains("maven:group:artifact:version");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstEntryIsNotPartOfItsName(@TempDir Path root) throws Exception {
        // the real list's entries without its comment header, so that the mark sits on an entry line
        List<String> entries = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Path plain = write(root, "plain.txt", String.join("\n", entries) + "\n");
        Path marked = write(root, "marked.txt", "\uFEFF" + String.join("\n", entries) + "\n");

        FeedDirectory.Result withMark = FeedDirectory.readFile(root, marked);

        assertThat(withMark.deadLetters()).isEmpty();
        assertThat(withMark.packages()).extracting(IocEntry::ecosystem, IocEntry::name, IocEntry::versions)
                .containsExactlyElementsOf(FeedDirectory.readFile(root, plain).packages().stream()
                        .map(e -> tuple(e.ecosystem(), e.name(), e.versions())).toList());
    }

    @Test
    void aLineThatIsNotUtf8IsADeadLetterAndEveryOtherLineStillLoads(@TempDir Path root) throws Exception {
        // the real list with a Latin-1 "é" in its first comment line and in its first entry line
        List<String> latin1 = new java.util.ArrayList<>(lines);
        int entry = latin1.indexOf(latin1.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()
                .orElseThrow());
        latin1.set(0, latin1.get(0) + " (liste \u00e9tablie)");
        latin1.set(entry, latin1.get(entry) + "\u00e9");
        Path file = root.resolve("latin1.txt");
        Files.write(file, latin1, java.nio.charset.StandardCharsets.ISO_8859_1);

        FeedDirectory.Result result = FeedDirectory.readFile(root, file);

        assertThat(result.packages()).hasSize(read.packages().size() - 1);
        assertThat(result.packages()).extracting(IocEntry::id).doesNotContain("latin1.txt:" + (entry + 1));
        assertThat(result.deadLetters()).extracting(DeadLetter::origin)
                .containsExactly(file + ":1", file + ":" + (entry + 1));
        assertThat(result.deadLetters()).allSatisfy(d -> assertThat(d.reason())
                .contains("not UTF-8", "byte 0xE9", "line " + d.origin().substring(d.origin().lastIndexOf(':') + 1)));
        assertThat(result.deadLetters().get(1).raw()).startsWith(lines.get(entry));
    }

    @Test
    void aPackageNameNoEcosystemAllowsIsADeadLetter(@TempDir Path root) throws Exception {
        Path file = write(root, "constructed.txt", "evil\u0001pkg:1.0.0\npypi:" + "p".repeat(257) + ":1.0\n"
                + "nuget:Caf\u00e9.Package:1.0.0\n");
        FeedDirectory.Result result = FeedDirectory.readFile(root, file);
        assertThat(result.packages()).extracting(IocEntry::name).containsExactly("Caf\u00e9.Package");
        assertThat(result.deadLetters()).extracting(DeadLetter::origin, DeadLetter::reason).containsExactly(
                tuple(file + ":1", "package name has control character U+0001"),
                tuple(file + ":2", "package name longer than 256 characters"));
    }

    private static void assertEntry(String line, String ecosystem, String name, String version) {
        int lineNumber = lines.indexOf(line) + 1;
        assertThat(lineNumber).as("the real list holds " + line).isPositive();
        assertThat(read.packages()).filteredOn(e -> e.id().equals(FEED + ":" + lineNumber))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.ecosystem()).isEqualTo(ecosystem);
                    assertThat(e.name()).isEqualTo(name);
                    assertThat(e.versions()).containsExactly(version);
                });
    }

    static Path write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
