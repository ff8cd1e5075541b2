package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleWorldTest {

    private static final Path SOURCE = Path.of("src/main/resources/sample-world");

    @Test
    void manifestListsEveryFileOfTheSampleWorld() throws Exception {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            assertThat(SampleWorld.manifest()).containsExactlyInAnyOrderElementsOf(files
                    .filter(Files::isRegularFile)
                    .map(file -> SOURCE.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("MANIFEST"))
                    .toList());
        }
    }

    @Test
    void unpacksIntoAWorldDirectory(@TempDir Path dir) throws Exception {
        World world = World.open(SampleWorld.unpack(dir.resolve("w")));
        assertThat(world.events()).isRegularFile();
        assertThat(world.iocs().resolve("osv/malicious/npm/chalk/MAL-2025-46969.json")).isRegularFile();
    }
}
