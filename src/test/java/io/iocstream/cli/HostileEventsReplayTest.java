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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample world with hostile copies of its first push appended to events.ndjson: refs whose bytes are not UTF-8
 * (two that differ only there), a ref git refuses and a ref of 1 MiB. Each becomes a dead letter naming its line
 * and the rule, and the run still finds exactly the world's expected findings.
 */
class HostileEventsReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACEHOLDER = "refs/heads/PLACEHOLDER";

    @Test
    void hostileRefsAreDeadLettersAndTheGoodPushesStillMatch(@TempDir Path dir) throws Exception {
        World world = World.open(SampleWorld.unpack(dir.resolve("world")));
        String template = withRef(Files.readAllLines(world.events()).get(0));
        ByteArrayOutputStream hostile = new ByteArrayOutputStream();
        for (byte[] ref : List.of(bytes("refs/heads/caf", 0xC3), bytes("refs/heads/caf", 0xC4),
                "refs/heads/../../etc".getBytes(StandardCharsets.US_ASCII),
                ("refs/heads/" + "a".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII))) {
            hostile.write(template.substring(0, template.indexOf(PLACEHOLDER)).getBytes(StandardCharsets.UTF_8));
            hostile.write(ref);
            hostile.write((template.substring(template.indexOf(PLACEHOLDER) + PLACEHOLDER.length()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.write(world.events(), hostile.toByteArray(), StandardOpenOption.APPEND);

        Path out = dir.resolve("findings.jsonl");
        RunSummary summary = ReplayRun.run(ReplayCommand.options(world, out, null, 1, FetchStrategy.SEQUENTIAL, 0, 0,
                true), ReplayRun.Listener.SILENT);

        List<Finding> findings = new ArrayList<>();
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
        assertThat(findings).extracting(SampleWorldFindings::fields)
                .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
        List<DeadLetter> deadLetters = new ArrayList<>();
        deadLetters.addAll(ReplayOutput.deadLetters(out));
        assertThat(deadLetters).filteredOn(d -> Integer.parseInt(d.origin().replaceAll(".* line ", "")) > 12)
                .extracting(DeadLetter::origin, DeadLetter::reason)
                .containsExactly(
                        tuple("events.ndjson line 13", "not valid UTF-8: byte 0xC3 at byte " + (offsetOfRef(template) + 15)
                                + " of the line"),
                        tuple("events.ndjson line 14", "not valid UTF-8: byte 0xC4 at byte " + (offsetOfRef(template) + 15)
                                + " of the line"),
                        tuple("events.ndjson line 15", "invalid ref in 'ref': contains '..' (git check-ref-format): "
                                + "refs/heads/../../etc"),
                        tuple("events.ndjson line 16", "invalid ref in 'ref': longer than 255 bytes (git check-ref-format): "
                                + "refs/heads/" + "a".repeat(49) + "..."));
        assertThat(deadLetters.get(deadLetters.size() - 4).raw()).contains("\"refs/heads/caf\uFFFD\"");
        assertThat(summary.pushes()).isEqualTo(9);
        assertThat(summary.eventsIn()).isEqualTo(16);
    }

    private static String withRef(String line) throws Exception {
        ObjectNode push = (ObjectNode) JSON.readTree(line);
        push.put("ref", PLACEHOLDER);
        return JSON.writeValueAsString(push);
    }

    /** Where the ref's first byte is in the line, counting from 0 (the line is ASCII up to there). */
    private static int offsetOfRef(String template) {
        return template.indexOf(PLACEHOLDER);
    }

    private static byte[] bytes(String ascii, int lastByte) {
        byte[] prefix = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        all[prefix.length] = (byte) lastByte;
        return all;
    }
}
