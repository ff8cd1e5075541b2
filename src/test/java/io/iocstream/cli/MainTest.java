package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments and bad configuration end with one line on stderr and exit code 2. */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private void assertOneLineError(String contains) {
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString()
                .startsWith("iocstream: ").contains(contains);
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertOneLineError("a command is required");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("replay", "--world", "w", "--out", "f", "--bogus")).isEqualTo(2);
        assertOneLineError("--bogus");
    }

    @Test
    void missingWorldIsAConfigurationError() {
        assertThat(run("replay", "--world", dir.resolve("nope").toString(), "--out", dir.resolve("f").toString()))
                .isEqualTo(2);
        assertOneLineError("world directory not found");
    }

    @Test
    void unknownFetchStrategyIsAUsageError() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--fetch-strategy", "telepathy")).isEqualTo(2);
        assertOneLineError("telepathy");
    }

    @Test
    void outOfRangeNumbersAreConfigurationErrors() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("f").toString(),
                "--sim-error-rate", "1.5")).isEqualTo(2);
        assertOneLineError("--sim-error-rate");
    }

    @Test
    void outputDirectoryMustExist() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("w"));
        assertThat(run("replay", "--world", world.toString(), "--out", dir.resolve("no/such/f").toString()))
                .isEqualTo(2);
        assertOneLineError("--out directory does not exist");
    }
}
