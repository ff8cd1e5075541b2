package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.JsFixtures.fixture;
import static io.iocstream.parse.JsFixtures.npm;
import static io.iocstream.parse.JsFixtures.truncated;
import static io.iocstream.parse.JsFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** pnpm-lock.yaml from v5 to v9, and the YAML that must never get that far. */
class PnpmLockParserTest {

    private final PnpmLockParser parser = new PnpmLockParser();

    @Test
    void v5TopLevelDependenciesAreDirectAndDevFlagsGiveTheScope() throws Exception {
        // the three top-level dependencies are direct: @my-scope/my-package (20) and mocks (42) by their package
        // keys, my-bitbucket-package (14) by name, since its version names a key the file does not have
        // ("my-bitbucket-package/..." against "my-bitbucket-project/..."); the others are transitive; all dev: false
        assertThat(Fixtures.parsePlaced(parser, fixture("pnpm-v5/pnpm-lock.yaml")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("my-bitbucket-package", 14, "runtime", "direct"),
                        tuple("@my-scope/my-package", 20, "runtime", "direct"),
                        tuple("@my-scope/my-other-package", 28, "runtime", "transitive"),
                        tuple("faker-parser", 34, "runtime", "transitive"),
                        tuple("mocks", 42, "runtime", "direct"));
    }

    @Test
    void v9ImportersSayWhichAreDirect() throws Exception {
        // both tarball packages are the root importer's dependencies; the lines are their keys under packages,
        // not under snapshots
        assertThat(Fixtures.parsePlaced(parser, fixture("pnpm-v9/pnpm-lock.yaml")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("ansi-regex", 20, "runtime", "direct"),
                        tuple("is-number", 25, "runtime", "direct"));
    }

    @Test
    void eachImporterSectionGivesItsScopeAndTransitiveV9PackagesHaveNone() throws Exception {
        byte[] lock = utf8("""
                lockfileVersion: '9.0'
                importers:
                  .:
                    devDependencies:
                      a: {specifier: ^1.0.0, version: 1.0.0}
                      c: {specifier: ^1.0.0, version: 1.0.0(b@2.0.0)}
                  packages/web:
                    dependencies:
                      a: {specifier: ^1.0.0, version: 1.0.0}
                    optionalDependencies:
                      alias: {specifier: npm:d@^3.0.0, version: d@3.0.0}
                packages:
                  a@1.0.0: {resolution: {integrity: sha512-a}}
                  b@2.0.0: {resolution: {integrity: sha512-b}}
                  c@1.0.0: {resolution: {integrity: sha512-c}}
                  d@3.0.0: {resolution: {integrity: sha512-d}}
                """);
        // a is dev for the root but runtime for web: runtime wins
        assertThat(Fixtures.parsePlaced(parser, lock))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("a", 13, "runtime", "direct"), tuple("b", 14, null, "transitive"),
                        tuple("c", 15, "dev", "direct"), tuple("d", 16, "optional", "direct"));
    }

    @Test
    void v6DevAndOptionalFlagsGiveTransitiveScopes() throws Exception {
        byte[] lock = utf8("""
                lockfileVersion: '6.0'
                dependencies:
                  a:
                    specifier: ^1.0.0
                    version: 1.0.0(b@2.0.0)
                packages:
                  /a@1.0.0(b@2.0.0):
                    resolution: {integrity: sha512-a}
                    dev: false
                  /b@2.0.0:
                    resolution: {integrity: sha512-b}
                    dev: true
                  /c@3.0.0:
                    resolution: {integrity: sha512-c}
                    optional: true
                """);
        assertThat(Fixtures.parsePlaced(parser, lock))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("a", 7, "runtime", "direct"), tuple("b", 10, "dev", "transitive"),
                        tuple("c", 13, "optional", "transitive"));
    }

    @Test
    void handlesPnpmLocksOutsideNodeModules() {
        assertThat(parser.handles("pnpm-lock.yaml")).isTrue();
        assertThat(parser.handles("apps/web/pnpm-lock.yaml")).isTrue();
        assertThat(parser.handles("node_modules/.pnpm/pnpm-lock.yaml")).isFalse();
        assertThat(parser.handles("pnpm-workspace.yaml")).isFalse();
    }

    @Test
    void v5FixtureReportsGitAndTarballPackagesByTheirNameAndVersionFields() throws Exception {
        List<Dependency> deps = parseAll(parser, fixture("pnpm-v5/pnpm-lock.yaml"));

        assertThat(deps).contains(npm("@my-scope/my-package", "1.0.0"), npm("my-bitbucket-package", "1.0.0"));
        // Five packages, every one with name and version fields.
        assertThat(deps).hasSize(5).contains(npm("@my-scope/my-other-package", "1.0.0"),
                npm("faker-parser", "0.0.1"), npm("mocks", "20.0.1"));
    }

    @Test
    void v9FixtureReportsTarballPackagesByTheirVersionField() throws Exception {
        List<Dependency> deps = parseAll(parser, fixture("pnpm-v9/pnpm-lock.yaml"));

        assertThat(deps).containsExactlyInAnyOrder(npm("ansi-regex", "6.0.1"), npm("is-number", "7.0.0"));
    }

    @Test
    void v5KeysWithScopesAndPeerSuffixes() throws Exception {
        List<Dependency> deps = parseAll(parser, utf8("""
                lockfileVersion: 5.4

                packages:

                  /@babel/core/7.20.0:
                    resolution: {integrity: sha512-x}
                    dev: true

                  /react-dom/18.2.0_react@18.2.0:
                    resolution: {integrity: sha512-y}

                  /styled/5.3.6_2b3c4d5e6f_@babel+core@7.20.0:
                    resolution: {integrity: sha512-z}

                  /code-frame/7.0.0:
                    resolution: {integrity: sha512-w}
                    name: '@babel/code-frame'
                    version: 7.0.0

                  file:packages/local:
                    resolution: {directory: packages/local, type: directory}
                    name: local
                    version: 1.0.0

                  /react-dom/18.2.0_react@18.2.0+other@1.0.0:
                    resolution: {integrity: sha512-y}
                """));

        assertThat(deps).containsExactly(npm("@babel/core", "7.20.0"), npm("react-dom", "18.2.0"),
                npm("styled", "5.3.6"), npm("@babel/code-frame", "7.0.0"));
    }

    @Test
    void v6KeysWithPeersInParentheses() throws Exception {
        List<Dependency> deps = parseAll(parser, utf8("""
                lockfileVersion: '6.0'

                packages:

                  /@types/react@18.2.0:
                    resolution: {integrity: sha512-a}

                  /react-dom@18.2.0(react@18.2.0):
                    resolution: {integrity: sha512-b}

                  /@tanstack/query@5.0.0(@types/react@18.2.0)(react@18.2.0):
                    resolution: {integrity: sha512-c}

                  /link-dep@link:../x:
                    resolution: {directory: ../x, type: directory}
                """));

        assertThat(deps).containsExactly(npm("@types/react", "18.2.0"), npm("react-dom", "18.2.0"),
                npm("@tanstack/query", "5.0.0"));
    }

    @Test
    void v9KeysAndSnapshots() throws Exception {
        List<Dependency> deps = parseAll(parser, utf8("""
                lockfileVersion: '9.0'

                importers:
                  .:
                    dependencies:
                      code-frame:
                        specifier: npm:@babel/code-frame@7.0.0
                        version: '@babel/code-frame@7.0.0'

                packages:

                  '@babel/code-frame@7.0.0':
                    resolution: {integrity: sha512-a}

                  minor@1.10.0:
                    resolution: {integrity: sha512-b}

                  local@file:packages/local:
                    resolution: {directory: packages/local, type: directory}

                snapshots:

                  '@babel/code-frame@7.0.0': {}

                  minor@1.10.0(peer@1.0.0): {}
                """));

        assertThat(deps).containsExactly(npm("@babel/code-frame", "7.0.0"), npm("minor", "1.10.0"));
    }

    @Test
    void lockfileWithoutPackagesHasNoDependencies() throws Exception {
        assertThat(parseAll(parser, utf8("lockfileVersion: '9.0'\n\nimporters:\n  .: {}\n"))).isEmpty();
    }

    @Test
    void badInputIsADependencyFileException() throws Exception {
        assertBad(utf8(""), "empty");
        assertBad(utf8("# only a comment\n"), "pnpm-lock.yaml: ");
        assertBad(fixture("yarn-v1/yarn.lock"), "pnpm-lock.yaml: ");
        assertBad(utf8("{\"lockfileVersion\": 3, \"packages\": {\"node_modules/a\": {\"version\": \"1.0.0\"}}}"),
                "unsupported lockfileVersion 3");
        assertBad(utf8("name: app\nversion: 1.0.0\n"), "no lockfileVersion");
        assertBad(utf8("- a\n- b\n"), "not a YAML mapping");
        assertBad(utf8("lockfileVersion: '9.0'\n---\nlockfileVersion: '9.0'\n"), "more than one YAML document");
        assertBad(utf8("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {resolution: {integrity: x}\n"),
                "pnpm-lock.yaml: ");
    }

    @Test
    void anEntryThatCannotBeReadIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, utf8("lockfileVersion: '9.0'\npackages: [a, b]\n")))
                .containsExactly("entry packages: pnpm-lock.yaml: packages is not a mapping");
        byte[] lock = utf8("""
                lockfileVersion: '9.0'
                packages:
                  a@1.0.0: just a string
                  b@1.0.0: {name: [b]}
                  c@1.0.0: {version: {x: 1}}
                  no-version: {}
                  d@1.0.0: {}
                """);
        assertThat(skippedIn(parser, lock)).containsExactly("entry a@1.0.0: pnpm-lock.yaml: not a mapping",
                "entry b@1.0.0: pnpm-lock.yaml: name is not a string",
                "entry c@1.0.0: pnpm-lock.yaml: version is not a string",
                "entry no-version: pnpm-lock.yaml: names no package and version");
        // no importer lists d, and v9 writes no dev flags
        assertThat(parser.parse(lock, new SkippedEntries()))
                .containsExactly(npm("d", "1.0.0").atLine(7).as(null, Dependency.TRANSITIVE));
    }

    @Test
    void truncatedFixtureIsADependencyFileException() throws Exception {
        byte[] content = fixture("pnpm-v5/pnpm-lock.yaml");
        // Cut inside the first flow mapping `resolution: { commit: ...`.
        int cut = new String(content, StandardCharsets.UTF_8).indexOf("resolution: {") + 20;
        assertBad(truncated(content, cut), "pnpm-lock.yaml: ");
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void billionLaughsFailsFast() {
        String bomb = """
                lockfileVersion: '9.0'
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                packages: *i
                """;
        assertBad(utf8(bomb), "alias");
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void deepNestingFailsFast() {
        String deep = "lockfileVersion: '9.0'\npackages: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertBad(utf8(deep), "pnpm-lock.yaml: ");
    }

    private void assertBad(byte[] content, String reason) {
        assertThatThrownBy(() -> parseAll(parser, content)).isInstanceOf(DependencyFileException.class)
                .hasMessageContaining(reason).message().doesNotContain("\n");
    }
}
