package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The JavaScript lockfile fixtures under src/test/resources/lockfiles (attribution in SOURCES-js.tsv). */
final class JsFixtures {

    private JsFixtures() {}

    static byte[] fixture(String path) throws IOException {
        try (InputStream in = JsFixtures.class.getResourceAsStream("/lockfiles/" + path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The first part of a file, as a fetch cut short would leave it. */
    static byte[] truncated(byte[] content, int keep) {
        return Arrays.copyOf(content, keep);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Dependency npm(String name, String version) {
        return new Dependency("npm", name, version);
    }
}
