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

class UvLockParserTest {

    private final UvLockParser parser = new UvLockParser();

    @Test
    void readsRegistryPackagesButNotTheVirtualRootProject() throws Exception {
        assertThat(parseAll(parser, lockfile("uv/uv.lock"))).containsExactlyInAnyOrder(
                new Dependency("PyPI", "emoji", "2.14.0"),
                new Dependency("PyPI", "protobuf", "4.25.5"));
    }

    @Test
    void skipsAnEditableRootAndGitSources() throws Exception {
        String lock = """
                version = 1
                [[package]]
                name = "app"
                version = "0.1.0"
                source = { editable = "." }
                [[package]]
                name = "forked"
                version = "1.0.0"
                source = { git = "https://example.org/forked.git?rev=main#0123456789abcdef" }
                [[package]]
                name = "six"
                version = "1.16.0"
                source = { registry = "https://pypi.org/simple" }
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(new Dependency("PyPI", "six", "1.16.0"));
    }

    @Test
    void handlesUvLockOnly() {
        assertThat(parser.handles("py/uv.lock")).isTrue();
        assertThat(parser.handles("py/uv.lock.bak")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("uv/uv.lock", 102));
        assertRejected(parser, lockfile("nuget/packages.lock.json"));
        assertRejected(parser, utf8("[tool.black]\nline-length = 100\n"));
    }

    @Test
    void whatTheProjectNamesIsDirectRuntimeAndEachPackageKeepsItsHeaderLine() throws Exception {
        assertThat(parsePlaced(parser, lockfile("uv/uv.lock")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("emoji", 4, "runtime", "direct"), tuple("protobuf", 13, "runtime", "direct"));
    }

    @Test
    void devAndOptionalDependenciesOfTheProjectAreDirectAndTheRestTransitive() throws Exception {
        String lock = """
                version = 1
                requires-python = ">=3.10"

                [[package]]
                name = "app"
                version = "0.1.0"
                source = { editable = "." }
                dependencies = [
                    { name = "httpx" },
                ]

                [package.optional-dependencies]
                cache = [
                    { name = "redis" },
                ]

                [package.dev-dependencies]
                dev = [
                    { name = "httpx" },
                    { name = "pytest" },
                ]

                [[package]]
                name = "httpx"
                version = "0.27.0"
                source = { registry = "https://pypi.org/simple" }
                dependencies = [
                    { name = "idna" },
                ]

                [[package]]
                name = "idna"
                version = "3.7"
                source = { registry = "https://pypi.org/simple" }

                [[package]]
                name = "pytest"
                version = "8.1.1"
                source = { registry = "https://pypi.org/simple" }

                [[package]]
                name = "redis"
                version = "5.0.4"
                source = { registry = "https://pypi.org/simple" }
                """;
        assertThat(parsePlaced(parser, utf8(lock)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("httpx", 23, "runtime", "direct"), tuple("idna", 31, null, "transitive"),
                        tuple("pytest", 36, "dev", "direct"), tuple("redis", 41, "optional", "direct"));
    }

    @Test
    void aLockWithoutTheProjectSaysNothingOfDirectness() throws Exception {
        String lock = """
                version = 1

                [[package]]
                name = "idna"
                version = "3.7"
                source = { registry = "https://pypi.org/simple" }
                """;
        assertThat(parsePlaced(parser, utf8(lock)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("idna", 3, null, null));
    }
}
