package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.iocstream.parse.Fixtures.parsePlaced;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class PoetryLockParserTest {

    private final PoetryLockParser parser = new PoetryLockParser();

    @Test
    void readsEveryPackageIncludingBothVersionsOfOne() throws Exception {
        assertThat(parseAll(parser, lockfile("poetry/poetry.lock")))
                .contains(
                        new Dependency("PyPI", "async-timeout", "5.0.1"),
                        new Dependency("PyPI", "factory-boy", "3.3.1"),
                        new Dependency("PyPI", "faker", "33.3.0"),
                        new Dependency("PyPI", "proto-plus", "1.22.0"),
                        new Dependency("PyPI", "proto-plus", "1.23.0"),
                        new Dependency("PyPI", "python-dateutil", "2.9.0.post0"))
                .hasSize(11);
    }

    @Test
    void skipsPackagesThatDidNotComeFromAnIndex() throws Exception {
        String lock = """
                [[package]]
                name = "from-git"
                version = "1.0.0"
                [package.source]
                type = "git"
                url = "https://example.org/from-git.git"
                reference = "main"
                resolved_reference = "0123456789abcdef"

                [[package]]
                name = "from-dir"
                version = "0.1.0"
                [package.source]
                type = "directory"
                url = "../from-dir"

                [[package]]
                name = "from-mirror"
                version = "2.0.0"
                [package.source]
                type = "legacy"
                url = "https://pypi.example.org/simple"
                reference = "mirror"

                [metadata]
                lock-version = "2.1"
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(new Dependency("PyPI", "from-mirror", "2.0.0"));
    }

    @Test
    void handlesPoetryLockOnly() {
        assertThat(parser.handles("poetry.lock")).isTrue();
        assertThat(parser.handles("pyproject.toml")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("poetry/poetry.lock", 637));
        assertRejected(parser, lockfile("pipfile/Pipfile.lock"));
        assertRejected(parser, utf8("title = \"not a lock\"\n"));
    }

    @Test
    void aPackageTableThatCannotBeReadIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, utf8("package = \"oops\"\n")))
                .containsExactly("entry package: poetry.lock: package is not an array of tables");
        byte[] lock = utf8("""
                [[package]]
                version = "1.0.0"

                [[package]]
                name = "a"
                version = 1

                [[package]]
                name = "b"

                [[package]]
                name = "c"
                version = "3.0.0"
                """);
        assertThat(skippedIn(parser, lock)).containsExactly(
                "entry package[0]: poetry.lock: package has no name string",
                "entry package[1]: poetry.lock: version is not a string",
                "entry b: poetry.lock: package without a version");
        assertThat(parser.parse(lock, new SkippedEntries())).extracting(Dependency::identity)
                .containsExactly(new Dependency("PyPI", "c", "3.0.0"));
    }

    @Test
    void groupsAndOptionalGiveTheScopeAndEachPackageKeepsItsHeaderLine() throws Exception {
        assertThat(parsePlaced(parser, lockfile("poetry/poetry.lock")))
                .extracting(Dependency::name, Dependency::version, Dependency::line, Dependency::scope,
                        Dependency::relationship)
                .contains(tuple("async-timeout", "5.0.1", 3, "optional", null),
                        tuple("factory-boy", "3.3.1", 16, "dev", null),
                        tuple("proto-plus", "1.22.0", 51, "runtime", null),
                        tuple("redis", "5.2.1", 125, "optional", null),
                        tuple("six", "1.17.0", 145, "runtime", null));
    }

    @Test
    void olderLocksSayTheScopeWithACategoryAndNewerOnesWithoutGroupsSayOnlyOptional() throws Exception {
        String lock = """
                [[package]]
                name = "pytest"
                version = "8.0.0"
                category = "dev"
                optional = false

                [[package]]
                name = "requests"
                version = "2.31.0"
                category = "main"
                optional = false

                [[package]]
                name = "redis"
                version = "5.2.1"
                optional = true

                [[package]]
                name = "six"
                version = "1.17.0"
                optional = false
                """;
        assertThat(parsePlaced(parser, utf8(lock))).extracting(Dependency::name, Dependency::line, Dependency::scope)
                .containsExactly(tuple("pytest", 1, "dev"), tuple("requests", 7, "runtime"),
                        tuple("redis", 13, "optional"), tuple("six", 18, null));
    }
}
