package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.iocstream.parse.Fixtures.parsePlaced;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** No shared fixture: the examples are constructed from PEP 621, PEP 735 and Poetry's dependency specification. */
class PyprojectParserTest {

    private final PyprojectParser parser = new PyprojectParser();

    @Test
    void readsExactPinsFromPep621AndDependencyGroups() throws Exception {
        String pyproject = """
                [project]
                name = "spam"
                version = "2020.0.0"
                dependencies = [
                  "httpx==0.27.0",
                  "gidgethub[httpx]>4.0.0",
                  "django>2.1; os_name != 'nt'",
                  "attrs === 23.2.0",
                  "click==8.*",
                ]
                [project.optional-dependencies]
                gui = ["PyQt5==5.15.10 ; sys_platform == 'linux'"]
                cli = ["rich", "click"]

                [dependency-groups]
                test = ["pytest==8.1.1", {include-group = "lint"}]
                lint = ["ruff>=0.3"]
                """;
        assertThat(parseAll(parser, utf8(pyproject))).containsExactly(
                new Dependency("PyPI", "httpx", "0.27.0"),
                new Dependency("PyPI", "attrs", "23.2.0"),
                new Dependency("PyPI", "PyQt5", "5.15.10"),
                new Dependency("PyPI", "pytest", "8.1.1"));
    }

    @Test
    void readsExactPinsFromPoetryTables() throws Exception {
        String pyproject = """
                [tool.poetry]
                name = "poetry-demo"
                version = "0.1.0"

                [tool.poetry.dependencies]
                python = "3.11"
                requests = "2.31.0"
                pendulum = "^2.1"
                flask = "=3.0.2"
                numpy = { version = "==1.26.4", optional = true }
                mine = { git = "https://example.org/mine.git", tag = "v1.0.0" }
                foo = [
                  { version = "1.0.0", python = "<3.10" },
                  { version = "~2.0", python = ">=3.10" },
                ]

                [tool.poetry.group.test.dependencies]
                pytest = "8.1.1"
                coverage = "7.*"

                [tool.poetry.dev-dependencies]
                black = "24.3.0"
                """;
        assertThat(parseAll(parser, utf8(pyproject))).containsExactly(
                new Dependency("PyPI", "requests", "2.31.0"),
                new Dependency("PyPI", "flask", "3.0.2"),
                new Dependency("PyPI", "numpy", "1.26.4"),
                new Dependency("PyPI", "foo", "1.0.0"),
                new Dependency("PyPI", "black", "24.3.0"),
                new Dependency("PyPI", "pytest", "8.1.1"));
    }

    @Test
    void aToolOnlyManifestHasNoDependencies() throws Exception {
        assertThat(parseAll(parser, utf8("[tool.black]\nline-length = 100\n"))).isEmpty();
    }

    @Test
    void handlesPyprojectTomlOnly() {
        assertThat(parser.handles("svc/pyproject.toml")).isTrue();
        assertThat(parser.handles("svc/project.toml")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, utf8("[project]\ndependencies = [\"httpx==0.27"));
        assertRejected(parser, utf8("{\"project\": {}}"));
    }

    @Test
    void eachPinIsDirectWithTheScopeOfItsSectionAndTheLineItStandsOn() throws Exception {
        String pyproject = """
                [project]
                name = "spam"
                dependencies = [
                  "httpx==0.27.0",
                  "rich>=13",
                ]
                [project.optional-dependencies]
                gui = ["PyQt5==5.15.10"]

                [dependency-groups]
                test = [
                  "pytest==8.1.1",
                  "httpx==0.27.0",
                ]

                [tool.poetry.dependencies]
                python = "^3.11"
                "requests" = "2.31.0"
                numpy = { version = "1.26.4", optional = true }

                [tool.poetry.group.lint.dependencies]
                ruff = "==0.3.0"
                """;
        assertThat(parsePlaced(parser, utf8(pyproject)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("httpx", 4, "runtime", "direct"), tuple("PyQt5", 8, "optional", "direct"),
                        tuple("pytest", 12, "dev", "direct"), tuple("requests", 18, "runtime", "direct"),
                        tuple("numpy", 19, "optional", "direct"), tuple("ruff", 22, "dev", "direct"));
    }

    @Test
    void aSectionWrittenBeforeTheOnesReadFirstStillGetsItsLines() throws Exception {
        // the Poetry group comes first in the file but is read last; a key in a comment or in a requirement
        // string is not taken for the key
        String pyproject = """
                [tool.poetry.group.dev.dependencies]
                # black = "23.0.0" was too old
                black = "24.2.0"

                [project]
                dependencies = ["pytest==8.1.1; python_version > '3'", "django==5.0", "black==24.1.0"]
                """;
        assertThat(parsePlaced(parser, utf8(pyproject)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope)
                .containsExactly(tuple("pytest", 6, "runtime"), tuple("django", 6, "runtime"),
                        tuple("black", 6, "runtime"), tuple("black", 3, "dev"));
    }
}
