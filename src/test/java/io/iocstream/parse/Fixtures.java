package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the real dependency files under {@code src/test/resources/lockfiles/} (attribution in SOURCES-poly.tsv). */
final class Fixtures {

    private Fixtures() {}

    static byte[] lockfile(String relative) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/lockfiles/" + relative)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + relative);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The first {@code length} bytes of a fixture, as a download cut short would leave it. */
    static byte[] truncated(String relative, int length) {
        byte[] whole = lockfile(relative);
        return java.util.Arrays.copyOf(whole, Math.min(length, whole.length));
    }

    /**
     * The dependencies of a file every entry of which the parser reads, without their places: a skipped entry fails
     * the test.
     */
    static List<Dependency> parseAll(DependencyParser parser, byte[] content) throws DependencyFileException {
        SkippedEntries skipped = new SkippedEntries();
        List<Dependency> dependencies = parser.parse(content, skipped);
        assertThat(skipped.listed()).as("skipped entries").isEmpty();
        return dependencies.stream().map(Dependency::identity).toList();
    }

    /** The same, with where and how the file names each dependency (line, scope, relationship). */
    static List<Dependency> parsePlaced(DependencyParser parser, byte[] content) throws DependencyFileException {
        SkippedEntries skipped = new SkippedEntries();
        List<Dependency> dependencies = parser.parse(content, skipped);
        assertThat(skipped.listed()).as("skipped entries").isEmpty();
        return dependencies;
    }

    /** The entries a parser skips in a file it reads in part, each as {@code "where: reason"}. */
    static List<String> skippedIn(DependencyParser parser, byte[] content) throws DependencyFileException {
        SkippedEntries skipped = new SkippedEntries();
        parser.parse(content, skipped);
        assertThat(skipped.count()).isEqualTo(skipped.listed().size());
        return skipped.listed().stream().map(entry -> entry.entry() + ": " + entry.reason()).toList();
    }

    /** A file that is not the format at all is a {@link DependencyFileException} with a one-line reason. */
    static void assertRejected(DependencyParser parser, byte[] content) {
        assertThatThrownBy(() -> parser.parse(content, new SkippedEntries()))
                .isExactlyInstanceOf(DependencyFileException.class)
                .hasMessageNotContaining("\n");
    }
}
