package io.iocstream.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.core.DeadLetter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world copy for re-driven dead letters: the world's repositories linked, its feeds copied, and events that are
 * only the rescans, each at the last commit the world's events moved its ref to; a ref they deleted is left out.
 * And dead-letter files: every line read, a line that is not a dead letter reported, not dropped.
 */
class WorldCopyTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String Z = "0".repeat(40);

    @TempDir
    Path dir;

    @Test
    void theCopyRescansEachRefAtItsLastCommitAndLeavesDeletedRefsOut() throws Exception {
        Path world = dir.resolve("world");
        Files.createDirectories(world.resolve("repos/acme/api").resolve(A));
        Files.createDirectories(world.resolve("iocs"));
        Files.writeString(world.resolve("iocs/list.txt"), "chalk@5.6.1\n");
        Files.writeString(world.resolve("events.ndjson"), String.join("\n",
                push("acme/api", "refs/heads/main", Z, A), push("acme/api", "refs/heads/main", A, B),
                push("acme/api", "refs/heads/dev", Z, A), push("acme/api", "refs/heads/dev", A, Z), "not json") + "\n");

        WorldCopy.Written written = WorldCopy.write(world, List.of(new Rescan("acme/api", "refs/heads/main", null),
                new Rescan("acme/api", "refs/heads/dev", null), new Rescan("acme/web", "refs/heads/main", null)),
                dir.resolve("copy"));

        Path copy = dir.resolve("copy");
        assertThat(Files.readAllLines(copy.resolve("events.ndjson"))).containsExactly(
                new Rescan("acme/api", "refs/heads/main", B).line(),
                new Rescan("acme/web", "refs/heads/main", null).line());
        assertThat(written.deletedRefs()).containsExactly(new Rescan("acme/api", "refs/heads/dev", null));
        assertThat(Files.isSymbolicLink(copy.resolve("repos"))).isTrue();
        assertThat(copy.resolve("repos/acme/api").resolve(A)).isDirectory();
        assertThat(copy.resolve("iocs/list.txt")).hasContent("chalk@5.6.1");
        assertThat(copy.resolve("expected.jsonl")).doesNotExist();
        assertThatThrownBy(() -> WorldCopy.write(world, List.of(), copy)).hasMessageContaining("is not empty");
    }

    @Test
    void aLineThatIsNotADeadLetterIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("d.jsonl"), """
                {"stage":"fetch","origin":"acme/api@x","reason":"file fetch failed: timed out","raw":"{}"}

                [1, 2]
                {"stage":"ingest","origin":"line 2","reason":"malformed JSON","raw":"{"}
                """);
        List<String> unreadable = new ArrayList<>();

        List<DeadLetter> read = DeadLetterReader.file(file, unreadable::add);

        assertThat(read).extracting(DeadLetter::stage).containsExactly("fetch", "ingest");
        assertThat(unreadable).singleElement().asString().startsWith(file + " line 3: not a dead letter");
    }

    private static String push(String repo, String ref, String before, String after) {
        return ("{\"ref\": \"%s\", \"before\": \"%s\", \"after\": \"%s\", \"created\": %s, \"deleted\": %s, "
                + "\"forced\": false, \"repository\": {\"full_name\": \"%s\"}, \"commits\": [], \"head_commit\": null}")
                .formatted(ref, before, after, before.equals(Z), after.equals(Z), repo);
    }
}
