package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.iocstream.parse.Fixtures.parsePlaced;
import static org.assertj.core.api.Assertions.tuple;

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

    @Test
    void eachCrateKeepsTheLineOfItsPackageHeaderAndThisFileSaysNothingOfDirectness() throws Exception {
        // many-packages.lock has no package without a source: no workspace crate says what it depends on
        assertThat(parsePlaced(parser, lockfile("cargo/Cargo.lock")))
                .extracting(Dependency::name, Dependency::version, Dependency::line, Dependency::scope,
                        Dependency::relationship)
                .contains(tuple("zstd", "0.11.2", 5, null, null), tuple("memchr", "2.4.1", 20, null, null),
                        tuple("syn", "1.0.109", 26, null, null), tuple("syn", "2.0.15", 38, null, null));
    }

    @Test
    void whatAWorkspaceCrateListsIsDirectAndTheRestTransitive() throws Exception {
        String lock = """
                version = 3

                [[package]]
                name = "app"
                version = "0.1.0"
                dependencies = [
                 "serde",
                 "syn 2.0.15",
                ]

                [[package]]
                name = "serde"
                version = "1.0.197"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                dependencies = [
                 "syn 1.0.109 (registry+https://github.com/rust-lang/crates.io-index)",
                ]

                [[package]]
                name = "syn"
                version = "1.0.109"
                source = "registry+https://github.com/rust-lang/crates.io-index"

                [[package]]
                name = "syn"
                version = "2.0.15"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                """;
        assertThat(parsePlaced(parser, utf8(lock)))
                .extracting(Dependency::name, Dependency::version, Dependency::line, Dependency::relationship)
                .containsExactly(tuple("serde", "1.0.197", 11, "direct"), tuple("syn", "1.0.109", 19, "transitive"),
                        tuple("syn", "2.0.15", 24, "direct"));
    }

    @Test
    void aHeaderInsideAMultiLineStringLeavesEveryLineUnknownRatherThanWrong() throws Exception {
        String lock = """
                version = 3
                note = \"""
                [[package]]
                \"""

                [[package]]
                name = "serde"
                version = "1.0.197"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                """;
        assertThat(parsePlaced(parser, utf8(lock))).extracting(Dependency::line).containsExactly(0);
    }
}
