package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /** Bad input is a {@link DependencyFileException} with a one-line reason, never another exception. */
    static void assertRejected(DependencyParser parser, byte[] content) {
        assertThatThrownBy(() -> parser.parse(content))
                .isExactlyInstanceOf(DependencyFileException.class)
                .hasMessageNotContaining("\n");
    }
}
