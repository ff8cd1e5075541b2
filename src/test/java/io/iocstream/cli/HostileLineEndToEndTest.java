package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay where hostile lines sit beside a malicious pin (issue 12): the pin is still found, each hostile line is a
 * dead letter, the run summary counts the files read in part, and a later push that makes the pin's own line
 * unreadable does not resolve its finding. The world is constructed for the test; the pin is the
 * {@code pypi:litellm:1.82.7} entry of the contract's TXT form.
 */
class HostileLineEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "acme/app";
    private static final String C1 = "1111111111111111111111111111111111111111";
    private static final String C2 = "2222222222222222222222222222222222222222";

    @TempDir
    static Path dir;
    static RunSummary summary;
    static List<Finding> findings = new ArrayList<>();
    static List<DeadLetter> deadLetters = new ArrayList<>();

    @BeforeAll
    static void replay() throws Exception {
        Path world = dir.resolve("world");
        // a comment in Latin-1 (not UTF-8) once made the whole file unreadable, and the pin with it
        write(world.resolve("repos/" + REPO + "/" + C1 + "/requirements.txt"),
                bytes("requests==2.32.3\n", latin1("# caf\u00e9\n"), "litellm==1.82.7\n"));
        // the next commit also puts a NUL into the pin's own line: skipped, but its finding stays open
        write(world.resolve("repos/" + REPO + "/" + C2 + "/requirements.txt"),
                bytes("requests==2.32.3\n", latin1("# caf\u00e9\n"), "litellm==1.82.7\0\n"));
        write(world.resolve("iocs/packages.txt"), bytes("pypi:litellm:1.82.7\n"));
        write(world.resolve("events.ndjson"), bytes(push("0".repeat(40), C1) + "\n" + push(C1, C2) + "\n"));

        Path out = dir.resolve("findings.jsonl");
        summary = ReplayRun.run(ReplayCommand.options(World.open(world), out, dir.resolve("summary.json"), 1,
                FetchStrategy.ADAPTIVE, 0, 0, true), ReplayRun.Listener.SILENT);
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
        deadLetters.addAll(ReplayOutput.deadLetters(out));
    }

    @Test
    void thePinBesideAHostileLineIsFoundAndStaysOpenWhenItsOwnLineIsSpoilt() {
        assertThat(findings).extracting(Finding::status, Finding::trigger, Finding::packageName, Finding::version)
                .containsExactly(tuple("open", "baseline", "litellm", "1.82.7"));
    }

    @Test
    void eachHostileLineIsADeadLetterAndTheSummaryCountsTheFilesReadInPart() throws Exception {
        assertThat(deadLetters).extracting(DeadLetter::stage, DeadLetter::origin, DeadLetter::reason)
                .containsExactlyInAnyOrder(
                        tuple("parse", REPO + "@" + C1 + ":requirements.txt line 2",
                                "requirements: line is not UTF-8 text"),
                        tuple("parse", REPO + "@" + C2 + ":requirements.txt line 2",
                                "requirements: line is not UTF-8 text"),
                        tuple("parse", REPO + "@" + C2 + ":requirements.txt line 3",
                                "requirements: line holds a NUL byte"));
        assertThat(summary.filesPartiallyParsed()).isEqualTo(2);
        assertThat(summary.entriesSkipped()).isEqualTo(3);
        assertThat(summary.deadLetters()).isEqualTo(3);
        String written = Files.readString(dir.resolve("summary.json"));
        assertThat(JSON.readTree(written).get("files_partially_parsed").asLong()).isEqualTo(2);
        assertThat(JSON.readTree(written).get("entries_skipped").asLong()).isEqualTo(3);
    }

    /** A webhook push that modifies requirements.txt, or the repository's first push (a baseline). */
    private static String push(String before, String after) throws Exception {
        boolean first = before.startsWith("0000");
        ObjectNode push = JSON.createObjectNode();
        push.put("ref", "refs/heads/main").put("before", before).put("after", after)
                .put("created", first).put("deleted", false).put("forced", false);
        push.putObject("repository").put("name", "app").put("full_name", REPO).putObject("owner").put("login", "acme");
        if (first) {
            push.putArray("commits");
        } else {
            ObjectNode commit = push.putArray("commits").addObject().put("id", after);
            commit.putArray("added");
            commit.putArray("removed");
            commit.putArray("modified").add("requirements.txt");
        }
        return JSON.writeValueAsString(push);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void write(Path file, byte[] content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
