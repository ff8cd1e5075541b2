package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoetryLockParserTest {

    private final PoetryLockParser parser = new PoetryLockParser();

    @Test
    void readsEveryPackageIncludingBothVersionsOfOne() throws Exception {
        assertThat(parser.parse(lockfile("poetry/poetry.lock")))
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
        assertThat(parser.parse(utf8(lock))).containsExactly(new Dependency("PyPI", "from-mirror", "2.0.0"));
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
        assertRejected(parser, utf8("package = \"oops\"\n"));
    }
}
