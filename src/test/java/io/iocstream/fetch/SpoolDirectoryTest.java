package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool directories: one per fetch service, removed on close, and those of dead processes removed at start. */
class SpoolDirectoryTest {

    @TempDir
    Path root;

    @Test
    void aDirectoryIsRemovedWithItsSpoolsOnClose() throws Exception {
        SpoolDirectory spools = SpoolDirectory.under(root);
        Path file = spools.newFile();
        Files.writeString(file, "content");
        assertThat(spools.path().getFileName().toString())
                .startsWith(SpoolDirectory.PREFIX + ProcessHandle.current().pid() + "-");

        spools.close();

        assertThat(root).isEmptyDirectory();
    }

    @Test
    void staleDirectoriesOfDeadProcessesGoAndThoseOfLiveOnesStay() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = Files.createDirectory(root.resolve(SpoolDirectory.PREFIX + dead.pid() + "-1"));
        Files.writeString(stale.resolve("file-1.spool"), "left by a killed task manager");
        // a live process: this one (another task manager on the same machine would be another)
        Path live = Files.createDirectory(root.resolve(SpoolDirectory.PREFIX + ProcessHandle.current().pid() + "-2"));
        Path unrelated = Files.createDirectory(root.resolve("something-else"));

        SpoolDirectory spools = SpoolDirectory.under(root);

        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(unrelated).exists();
        spools.close();
    }

    @Test
    void theProcessIdIsReadFromTheName() {
        assertThat(SpoolDirectory.pidOf("iocstream-spool-1234-5678")).contains(1234L);
        assertThat(SpoolDirectory.pidOf("iocstream-spool-x-1")).isEqualTo(Optional.empty());
        assertThat(SpoolDirectory.pidOf("other-1234")).isEmpty();
    }
}
