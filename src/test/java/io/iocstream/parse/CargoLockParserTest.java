package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CargoLockParserTest {

    private final CargoLockParser parser = new CargoLockParser();

    @Test
    void readsEveryRegistryCrateIncludingTwoVersionsOfSyn() throws Exception {
        assertThat(parseAll(parser, lockfile("cargo/Cargo.lock"))).containsExactlyInAnyOrder(
                new Dependency("crates.io", "zstd", "0.11.2"),
                new Dependency("crates.io", "aho-corasick", "0.7.18"),
                new Dependency("crates.io", "memchr", "2.4.1"),
                new Dependency("crates.io", "syn", "1.0.109"),
                new Dependency("crates.io", "libc", "0.2.140"),
                new Dependency("crates.io", "syn", "2.0.15"));
    }

    @Test
    void skipsWorkspaceAndGitCrates() throws Exception {
        String lock = """
                version = 4
                [[package]]
                name = "my-app"
                version = "0.1.0"
                dependencies = ["serde"]
                [[package]]
                name = "patched"
                version = "0.3.0"
                source = "git+https://example.org/patched.git#0123456789abcdef"
                [[package]]
                name = "serde"
                version = "1.0.197"
                source = "sparse+https://index.crates.io/"
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(new Dependency("crates.io", "serde", "1.0.197"));
    }

    @Test
    void handlesCargoLockOnly() {
        assertThat(parser.handles("rust/Cargo.lock")).isTrue();
        assertThat(parser.handles("rust/Cargo.toml")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("cargo/Cargo.lock", 425));
        assertRejected(parser, lockfile("go/go.sum"));
        assertRejected(parser, utf8("[dependencies]\nserde = \"1\"\n"));
    }
}
