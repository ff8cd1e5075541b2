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

class PdmLockParserTest {

    private final PdmLockParser parser = new PdmLockParser();

    @Test
    void readsDefaultAndDevGroups() throws Exception {
        assertThat(parseAll(parser, lockfile("pdm/pdm.lock"))).containsExactlyInAnyOrder(
                new Dependency("PyPI", "pyroute2", "0.7.11"),
                new Dependency("PyPI", "toml", "0.10.2"),
                new Dependency("PyPI", "win-inet-pton", "1.1.0"));
    }

    @Test
    void skipsVcsAndLocalPackages() throws Exception {
        String lock = """
                [metadata]
                lock_version = "4.4.1"
                [[package]]
                name = "vcs"
                version = "1.0"
                git = "https://example.org/vcs.git"
                revision = "0123456789abcdef"
                [[package]]
                name = "local"
                version = "0.1"
                path = "./local"
                [[package]]
                name = "idna"
                version = "3.6"
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(new Dependency("PyPI", "idna", "3.6"));
    }

    @Test
    void handlesPdmLockOnly() {
        assertThat(parser.handles("pdm.lock")).isTrue();
        assertThat(parser.handles("node_modules/p/pdm.lock")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("pdm/pdm.lock", 349));
        assertRejected(parser, lockfile("composer/composer.lock"));
        assertRejected(parser, utf8("answer = 42\n"));
    }

    @Test
    void theDefaultGroupIsRuntimeTheDevGroupDevAndEachKeepsItsHeaderLine() throws Exception {
        assertThat(parsePlaced(parser, lockfile("pdm/pdm.lock")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("pyroute2", 10, "dev", null), tuple("toml", 22, "runtime", null),
                        tuple("win-inet-pton", 33, "dev", null));
    }

    @Test
    void anotherGroupNameSaysNoScope() throws Exception {
        String lock = """
                [[package]]
                name = "pytest"
                version = "8.0.0"
                groups = ["test"]

                [[package]]
                name = "six"
                version = "1.17.0"
                groups = ["dev", "default"]
                """;
        assertThat(parsePlaced(parser, utf8(lock))).extracting(Dependency::name, Dependency::scope)
                .containsExactly(tuple("pytest", null), tuple("six", "runtime"));
    }
}
