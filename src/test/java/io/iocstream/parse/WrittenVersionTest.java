package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A reported version is the version as the file writes it (CONTRACT section 2): parsers find which characters are
 * the version (extraction) and leave other spellings of the same version to the matcher (normalisation).
 */
class WrittenVersionTest {

    private static final Path FIXTURES = Path.of("src/test/resources/lockfiles");

    @Test
    void everyVersionReportedFromARealFixtureIsWrittenThereAsItIs() throws Exception {
        Set<String> parsers = new HashSet<>();
        int versions = 0;
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path fixture : files.filter(Files::isRegularFile).toList()) {
                String path = FIXTURES.relativize(fixture).toString().replace('\\', '/');
                if (!path.contains("/")) {
                    continue;
                }
                DependencyParser parser = DependencyFiles.parserFor(path).orElseThrow();
                parsers.add(parser.getClass().getSimpleName());
                String text = Files.readString(fixture, StandardCharsets.UTF_8);
                for (Dependency dep : Fixtures.parseAll(parser, Files.readAllBytes(fixture))) {
                    assertThat(isWrittenIn(text, dep.version())).as("%s: %s", path, dep).isTrue();
                    versions++;
                }
            }
        }
        // the 20 parsers of the 22 fixture folders (pyproject.toml has no real fixture here)
        assertThat(parsers).hasSize(20);
        assertThat(versions).isGreaterThan(100);
    }

    /** The end-to-end tests compare findings with EXPECTED.tsv's versions, which must therefore be as written. */
    @Test
    void expectedTriplesAreWrittenInTheirFixtures() throws Exception {
        List<String> rows = Files.readAllLines(FIXTURES.resolve("EXPECTED.tsv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] triple = row.split("\t");
            String text = Files.readString(FIXTURES.resolve(triple[0]), StandardCharsets.UTF_8);
            assertThat(isWrittenIn(text, triple[3])).as(row).isTrue();
        }
    }

    /**
     * Whether {@code version} stands in {@code text} as a whole: not a piece of a longer run of letters, digits and
     * dots ({@code 5.0.2} is not written in {@code v5.0.2}, nor {@code 1.0} in {@code 1.0.1}). A suffix that is not
     * part of the version may follow it (a Gemfile.lock platform {@code -x86_64-linux}, a pnpm peer suffix
     * {@code _b@2.0.0} or {@code (react@18)}, go.sum's {@code /go.mod}): leaving it out is the parser's extraction.
     */
    private static boolean isWrittenIn(String text, String version) {
        for (int at = text.indexOf(version); at >= 0; at = text.indexOf(version, at + 1)) {
            int end = at + version.length();
            if ((at == 0 || !isVersionChar(text.charAt(at - 1)))
                    && (end == text.length() || !isVersionChar(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVersionChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.';
    }
}
