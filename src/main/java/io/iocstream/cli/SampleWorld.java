package io.iocstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample world bundled in the jar (src/main/resources/sample-world), unpacked to a directory so that the
 * simulator can serve it. {@code MANIFEST} lists its files, because a jar cannot list a resource folder.
 */
final class SampleWorld {

    static final String ROOT = "sample-world/";

    private SampleWorld() {}

    static List<String> manifest() throws IOException {
        try (InputStream in = open("MANIFEST")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
        }
    }

    static Path unpack(Path target) throws IOException {
        for (String file : manifest()) {
            Path out = target.resolve(file).normalize();
            if (!out.startsWith(target)) {
                throw new IOException("sample world MANIFEST names a path outside the world: " + file);
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = open(file)) {
                Files.copy(in, out);
            }
        }
        return target;
    }

    private static InputStream open(String file) {
        InputStream in = SampleWorld.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new UncheckedIOException(new IOException("sample world file missing from the jar: " + file));
        }
        return in;
    }
}
