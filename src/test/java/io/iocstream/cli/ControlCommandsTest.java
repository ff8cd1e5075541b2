package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relist} and {@code redrive} refuse bad options and job files before they contact anything: exit code 2 and
 * one line saying what is wrong. The token variable is the one the build sets for tests (IOCSTREAM_TEST_TOKEN).
 */
class ControlCommandsTest {

    private static final String CONFIG = """
            sources:
              kafka: {bootstrap_servers: "127.0.0.1:1", topic: pushes, group_id: g}
            github:
              api_base_url: http://127.0.0.1:1
              token_env: IOCSTREAM_TEST_TOKEN
            feeds:
              directory: /feeds
            sinks:
              files: {path: /out}
            """;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void relistWithoutAListingOrAnOrganisation() throws Exception {
        assertRefused(new String[] {"relist", "--config", config(CONFIG).toString()},
                "iocstream: config error: sources.org_listing: required to relist without --org");
    }

    @Test
    void relistWithoutAnInputTopic() throws Exception {
        Path yaml = config(CONFIG.replace("  kafka: {bootstrap_servers: \"127.0.0.1:1\", topic: pushes, group_id: g}",
                "  org_events: [{org: acme}]"));
        assertRefused(new String[] {"relist", "--config", yaml.toString(), "--org", "acme"},
                "iocstream: config error: sources.kafka: required by relist, which sends the baseline requests to "
                        + "the job's input topic");
    }

    @Test
    void relistOfSomethingThatIsNotAnOrganisation() throws Exception {
        assertRefused(new String[] {"relist", "--config", config(CONFIG).toString(), "--org", "acme/api"},
                "iocstream: --org: not an organisation login: 'acme/api'");
    }

    @Test
    void relistWithABadJobFile() throws Exception {
        assertRefused(new String[] {"relist", "--config", config(CONFIG.replace("topic:", "topik:")).toString()},
                "iocstream: config error: sources.kafka.topik: unknown key (known here: bootstrap_servers, group_id, "
                        + "start_from, topic)");
    }

    @Test
    void redriveWithNothingToRead() throws Exception {
        assertRefused(new String[] {"redrive"},
                "iocstream: dead letters to read are required: --dead-letters FILE or --config FILE");
    }

    @Test
    void redriveWithNowhereToSend() throws Exception {
        assertRefused(new String[] {"redrive", "--dead-letters", deadLetters().toString()},
                "iocstream: where to send the rescans is required: --config FILE (the job's input topic) or --world "
                        + "DIR --out-world DIR");
    }

    @Test
    void redriveWithHalfAWorld() throws Exception {
        assertRefused(new String[] {"redrive", "--dead-letters", deadLetters().toString(), "--world", "w"},
                "iocstream: --world and --out-world go together");
    }

    @Test
    void redriveOfAFileThatIsNotThere() throws Exception {
        assertRefused(new String[] {"redrive", "--dead-letters", dir.resolve("none.jsonl").toString(), "--world",
                world().toString(), "--out-world", dir.resolve("copy").toString()},
                "iocstream: --dead-letters: no such file: " + dir.resolve("none.jsonl"));
    }

    @Test
    void redriveIntoSomethingThatIsNotAWorld() throws Exception {
        assertRefused(new String[] {"redrive", "--dead-letters", deadLetters().toString(), "--world", dir.toString(),
                "--out-world", dir.resolve("copy").toString()},
                "iocstream: --world: not a world directory (no repos/): " + dir);
    }

    @Test
    void redriveOverAWorldCopyThatIsThere() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.writeString(copy.resolve("events.ndjson"), "");
        assertRefused(new String[] {"redrive", "--dead-letters", deadLetters().toString(), "--world",
                world().toString(), "--out-world", copy.toString()},
                "iocstream: --out-world: " + copy + " exists and is not empty");
    }

    @Test
    void redriveFromATopicTheJobDoesNotWrite() throws Exception {
        assertRefused(new String[] {"redrive", "--config", config(CONFIG).toString()},
                "iocstream: config error: sinks.kafka: required to read the dead-letter topic (or give "
                        + "--dead-letters FILE)");
    }

    @Test
    void redriveWithABlankReason() throws Exception {
        assertRefused(new String[] {"redrive", "--config", config(CONFIG).toString(), "--reason", " "},
                "iocstream: --reason must not be blank");
    }

    private void assertRefused(String[] args, String line) {
        assertThat(Main.run(new PrintWriter(err, true), args)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(line + System.lineSeparator());
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("job.yaml"), yaml);
    }

    private Path deadLetters() throws Exception {
        return Files.writeString(dir.resolve("dead-letters.jsonl"), "");
    }

    private Path world() throws Exception {
        Path world = dir.resolve("world");
        Files.createDirectories(world.resolve("repos"));
        return world;
    }
}
