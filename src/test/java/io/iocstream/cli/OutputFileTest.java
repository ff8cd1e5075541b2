package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output replaces the previous file only when its run commits it. */
class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatEndsWithoutCommittingLeavesThePreviousFileAndNoPartialOne() throws Exception {
        Path target = Files.writeString(dir.resolve("findings.jsonl"), "previous\n");
        try (OutputFile out = OutputFile.create(target)) {
            out.writer().write("half a run\n");
            out.writer().flush();
            assertThat(target).hasContent("previous");
        }
        assertThat(target).hasContent("previous");
        assertThat(dir).isDirectoryNotContaining(path -> !path.equals(target));
    }

    @Test
    void commitReplacesThePreviousFile() throws Exception {
        Path target = Files.writeString(dir.resolve("findings.jsonl"), "previous\n");
        try (OutputFile out = OutputFile.create(target)) {
            out.writer().write("this run\n");
            out.commit();
        }
        assertThat(target).hasContent("this run");
        assertThat(dir).isDirectoryNotContaining(path -> !path.equals(target));
    }
}
