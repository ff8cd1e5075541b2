package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen-world --dormant N}: repositories of one commit that no event names, and a one-line error below 0. */
class DormantWorldTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void dormantRepositoriesHaveOneCommitAndNoEvent() throws Exception {
        Path world = dir.resolve("w");
        assertThat(Main.run(new PrintWriter(err, true), "gen-world", "--out", world.toString(), "--repos", "2",
                "--pushes", "4", "--seed", "3", "--dormant", "2")).isEqualTo(0);

        for (String repo : new String[] {"acme/dormant-0001", "acme/dormant-0002"}) {
            try (Stream<Path> commits = Files.list(world.resolve("repos").resolve(repo))) {
                assertThat(commits.filter(Files::isDirectory)).hasSize(1);
            }
            assertThat(Files.readString(world.resolve("events.ndjson"))).doesNotContain(repo);
        }
    }

    @Test
    void aNegativeCountIsAUsageError() {
        assertThat(Main.run(new PrintWriter(err, true), "gen-world", "--out", dir.resolve("w").toString(),
                "--repos", "1", "--pushes", "1", "--seed", "1", "--dormant", "-1")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString().contains("--dormant");
    }
}
