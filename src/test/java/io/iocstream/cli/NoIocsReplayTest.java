package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay of a world without IOC feeds finds nothing, and must say loudly that it could not have. */
class NoIocsReplayTest {

    private static final String WARNING = "iocstream: warning: no IOC entries loaded (iocs/: missing; iocs-later/: "
            + "missing): nothing can match, so every push looks clean";

    @TempDir
    Path dir;

    @Test
    void aWorldWithoutFeedsRunsButWarnsOnStderrAndInTheSummary() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        FileUtils.deleteDirectory(world.resolve("iocs").toFile());
        FileUtils.deleteDirectory(world.resolve("iocs-later").toFile());
        Path summary = dir.resolve("summary.json");

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("replay", "--world", world.toString(), "--out", dir.resolve("f.jsonl").toString(),
                    "--summary", summary.toString());
        } finally {
            System.setErr(original);
        }

        assertThat(code).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8).lines()).containsOnlyOnce(WARNING);
        JsonNode written = new ObjectMapper().readTree(summary.toFile());
        assertThat(written.get("ioc_entries").asLong()).isZero();
        assertThat(written.get("findings").asLong()).isZero();
        assertThat(written.path("warnings").isArray()).as("summary has warnings: %s", written).isTrue();
        assertThat(written.get("warnings").get(0).asText()).isEqualTo(WARNING.substring("iocstream: warning: ".length()));
    }
}
