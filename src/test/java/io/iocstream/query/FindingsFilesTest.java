package io.iocstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a query reads from the job's day folders, a replay's outputs and files named outright. */
class FindingsFilesTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryGivesItsCompleteFindingsFilesAtAnyDepthAndNoDeadLettersOrScanRecords() throws Exception {
        Path day1 = write("sink/day=2026-12-05/findings-a-0.jsonl", "{}\n");
        Path day2 = write("sink/day=2026-12-06/findings-a-1.jsonl", "{}\n");
        write("sink/day=2026-12-06/.findings-a-2.jsonl.inprogress.5f3c", "{}\n");
        write("sink/.hidden/findings.jsonl", "{}\n");
        write("sink/dead-letters/day=2026-12-06/dead-letters-a-0.jsonl", "{}\n");
        write("sink/day=2026-12-06/findings-a-3.jsonl", "");
        write("sink/day=2026-12-06/notes.txt", "{}\n");
        Path replay = write("sink/replay.jsonl", "{}\n");
        write("sink/replay.jsonl.dead-letters.jsonl", "{}\n");
        write("sink/scans/day=2026-12-06/scans-a-0.jsonl", "{}\n");
        write("sink/replay.jsonl.scans.jsonl", "{}\n");

        assertThat(FindingsFiles.resolve(List.of(dir.resolve("sink")))).containsExactly(day1, day2, replay);
    }

    @Test
    void aFileNamedOutrightIsReadWhateverItsNameButNotWhenEmpty() throws Exception {
        Path out = write("out/findings.ndjson", "{}\n");
        Path empty = write("out/empty.jsonl", "");

        assertThat(FindingsFiles.resolve(List.of(out, empty))).containsExactly(out);
    }

    @Test
    void aFileGivenTwiceIsReadOnce() throws Exception {
        Path out = write("a/f.jsonl", "{}\n");

        assertThat(FindingsFiles.resolve(List.of(out, dir.resolve("a"), dir.resolve("a/../a/f.jsonl"))))
                .containsExactly(out);
    }

    private Path write(String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
