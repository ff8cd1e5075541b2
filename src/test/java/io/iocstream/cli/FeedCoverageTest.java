package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCoverageTest {

    @TempDir
    Path dir;

    @Test
    void theWarningSaysWhatEachFeedDirectoryHeld() throws Exception {
        Path iocs = Files.createDirectories(dir.resolve("iocs/lists"));
        Files.writeString(iocs.resolve("packages.txt"), "# nothing but a comment\n");
        Path later = Files.createDirectory(dir.resolve("iocs-later"));
        FeedCoverage coverage = FeedCoverage.of(0, List.of(dir.resolve("iocs"), later, dir.resolve("feeds")));
        assertThat(coverage.empty()).isTrue();
        assertThat(coverage.warning()).isEqualTo("no IOC entries loaded (iocs/: 1 file, no entry that can match; "
                + "iocs-later/: empty; feeds/: missing): nothing can match, so every push looks clean");
    }

    @Test
    void aJobRefusesToStartWithoutEntriesUnlessToldOtherwise() throws Exception {
        FeedCoverage none = FeedCoverage.of(0, List.of(dir.resolve("feeds")));
        assertThatThrownBy(() -> none.requireEntries(false, "--allow-no-iocs"))
                .isInstanceOf(UsageException.class)
                .hasMessage("no IOC entries loaded (feeds/: missing): nothing can match, so every push looks clean; "
                        + "refusing to start (--allow-no-iocs runs anyway)");
        none.requireEntries(true, "--allow-no-iocs");
        FeedCoverage some = FeedCoverage.of(3, List.of(dir.resolve("feeds")));
        assertThat(some.empty()).isFalse();
        some.requireEntries(false, "--allow-no-iocs");
    }
}
