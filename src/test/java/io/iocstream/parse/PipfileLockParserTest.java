package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class PipfileLockParserTest {

    private final PipfileLockParser parser = new PipfileLockParser();

    @Test
    void developIsTheDevScopeAndEachPackageKeepsItsLine() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, lockfile("pipfile/Pipfile.lock")))
                .extracting(Dependency::name, Dependency::version, Dependency::line, Dependency::scope)
                .contains(tuple("itsdangerous", "2.1.2", 19, "runtime"), tuple("pluggy", "1.0.1", 27, "runtime"),
                        tuple("pluggy", "1.0.0", 88, "dev"));
    }

    @Test
    void readsDefaultAndDevelopWithoutTheOperator() throws Exception {
        // itsdangerous 2.1.2 is in both sections; pluggy is 1.0.1 in default and 1.0.0 in develop
        assertThat(parseAll(parser, lockfile("pipfile/Pipfile.lock"))).containsExactlyInAnyOrder(
                new Dependency("PyPI", "itsdangerous", "2.1.2"),
                new Dependency("PyPI", "markupsafe", "2.1.1"),
                new Dependency("PyPI", "pluggy", "1.0.1"),
                new Dependency("PyPI", "pluggy", "1.0.0"));
    }

    @Test
    void aPackageInDefaultIsRuntimeEvenWhenDevelopComesFirst() throws Exception {
        // found by ReformattedFilePropertyTest: the first section to name a package used to set its scope
        String lock = """
                {"develop": {"itsdangerous": {"version": "==2.1.2"}, "pytest": {"version": "==8.0.0"}},
                 "default": {"itsdangerous": {"version": "==2.1.2"}}}
                """;
        assertThat(parser.parse(utf8(lock), new SkippedEntries())).extracting(Dependency::name, Dependency::scope)
                .containsExactlyInAnyOrder(tuple("itsdangerous", "runtime"), tuple("pytest", "dev"));
    }

    @Test
    void skipsEntriesWithoutAPinnedVersion() throws Exception {
        String lock = """
                {"_meta": {"hash": {"sha256": "x"}},
                 "default": {"mine": {"git": "https://example.org/mine.git", "ref": "abc"},
                             "local": {"path": ".", "editable": true}},
                 "docs": {"sphinx": {"version": "==7.2.6"}}}
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(new Dependency("PyPI", "sphinx", "7.2.6"));
    }

    @Test
    void handlesPipfileLockOnly() {
        assertThat(parser.handles("app/Pipfile.lock")).isTrue();
        assertThat(parser.handles("Pipfile")).isFalse();
        assertThat(parser.handles("node_modules/x/Pipfile.lock")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("pipfile/Pipfile.lock", 845));
        assertRejected(parser, lockfile("poetry/poetry.lock"));
        assertRejected(parser, utf8("[1, 2]"));
    }
}
