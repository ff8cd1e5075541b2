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

import java.util.List;
import org.junit.jupiter.api.Test;

/** bun.lock: JSONC whose packages are arrays led by "name@version". */
class BunLockParserTest {

    private final BunLockParser parser = new BunLockParser();

    @Test
    void theRootWorkspaceSaysWhichPackagesAreDirectAndInWhichScope() throws Exception {
        // lodash (line 44) and stopwords (56) are the root's dependencies; @babel/parser (28) comes with
        // babel-preset-php, jquery (42) with slick-carousel: transitive, and bun.lock marks no dev packages
        assertThat(Fixtures.parsePlaced(parser, fixture("bun/bun.lock")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .contains(tuple("lodash", 44, "runtime", "direct"), tuple("stopwords", 56, "runtime", "direct"),
                        tuple("@babel/parser", 28, null, "transitive"), tuple("jquery", 42, null, "transitive"));
    }

    @Test
    void aWorkspaceNamesItsOwnCopiesAndTheWidestScopeWins() throws Exception {
        byte[] lock = utf8("""
                {
                  "lockfileVersion": 1,
                  "workspaces": {
                    "": {"name": "root", "devDependencies": {"a": "^1.0.0"}, "optionalDependencies": {"c": "1"}},
                    "packages/web": {"name": "web", "dependencies": {"a": "^1.0.0", "b": "^2.0.0"}},
                  },
                  "packages": {
                    "a": ["a@1.0.0", "", {}, "sha512-a"],
                    "b": ["b@1.0.0", "", {}, "sha512-b"],
                    "web/b": ["b@2.0.0", "", {}, "sha512-b2"],
                    "c": ["c@1.0.0", "", {}, "sha512-c"],
                    "b/d": ["d@1.0.0", "", {}, "sha512-d"],
                  },
                }
                """);
        // a: dev for the root, runtime for web; the hoisted b@1.0.0 is someone else's, web's own b is the copy
        // installed under its name
        assertThat(Fixtures.parsePlaced(parser, lock))
                .extracting(Dependency::name, Dependency::version, Dependency::line, Dependency::scope,
                        Dependency::relationship)
                .containsExactly(tuple("a", "1.0.0", 8, "runtime", "direct"),
                        tuple("b", "1.0.0", 9, null, "transitive"), tuple("b", "2.0.0", 10, "runtime", "direct"),
                        tuple("c", "1.0.0", 11, "optional", "direct"), tuple("d", "1.0.0", 12, null, "transitive"));
    }

    @Test
    void handlesBunLocksOutsideNodeModules() {
        assertThat(parser.handles("bun.lock")).isTrue();
        assertThat(parser.handles("apps/api/bun.lock")).isTrue();
        assertThat(parser.handles("node_modules/x/bun.lock")).isFalse();
        assertThat(parser.handles("bun.lockb")).isFalse();
    }

    @Test
    void fixtureReportsRegistryPackagesAndSkipsGitOnes() throws Exception {
        List<Dependency> deps = parseAll(parser, fixture("bun/bun.lock"));

        assertThat(deps).contains(npm("@babel/helper-plugin-utils", "7.26.5"),
                npm("@babel/helper-string-parser", "7.25.9"), npm("@babel/helper-validator-identifier", "7.25.9"));
        // 18 packages: 11 from the registry, 7 from git/GitHub with a commit and no version.
        assertThat(deps).hasSize(11).contains(npm("@babel/parser", "7.26.5"), npm("lodash", "1.3.1"),
                npm("stopwords", "0.0.1"), npm("prettier", "3.4.2"));
        assertThat(deps).extracting(Dependency::name)
                .doesNotContain("@prettier/sync", "is-number", "raven-js", "slick-carousel", "babel-preset-php");
    }

    @Test
    void aliasesNestedCopiesAndWorkspaces() throws Exception {
        List<Dependency> deps = parseAll(parser, utf8("""
                // bun writes no comments, but JSONC allows them
                {
                  "lockfileVersion": 1,
                  "workspaces": { "": { "name": "app" }, "packages/lib": { "name": "lib" } },
                  "packages": {
                    "code-frame": ["@babel/code-frame@7.0.0", "", {}, "sha512-a"],
                    "chalk": ["chalk@5.3.0", "", {}, "sha512-b"],
                    "parent/chalk": ["chalk@4.1.2", "", {}, "sha512-c"],
                    "other/chalk": ["chalk@5.3.0", "", {}, "sha512-b"],
                    /* workspace and local entries */
                    "lib": ["lib@workspace:packages/lib"],
                    "local": ["local@file:../local", {}],
                    "tarball": ["tarball@https://example.com/tarball-1.0.0.tgz", {}],
                  },
                }
                """));

        assertThat(deps).containsExactly(npm("@babel/code-frame", "7.0.0"), npm("chalk", "5.3.0"),
                npm("chalk", "4.1.2"));
    }

    @Test
    void badInputIsADependencyFileException() throws Exception {
        assertBad(utf8(""), "empty");
        assertBad(utf8("[]"), "not a JSON object");
        assertBad(utf8("lockfileVersion: 5.3\n"), "bun.lock: ");
        assertBad(fixture("package-json/package.json"), "no numeric lockfileVersion");
    }

    @Test
    void aPackageOfAnotherShapeIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, utf8("{\"lockfileVersion\": 3, \"packages\": {\"\": {},"
                + " \"node_modules/a\": {\"version\": \"1\"}}}")))
                .containsExactly("entry : bun.lock: not an array", "entry node_modules/a: bun.lock: not an array");
        assertThat(skippedIn(parser, utf8("{\"lockfileVersion\": 1, \"packages\": [\"a@1.0.0\"]}")))
                .containsExactly("entry packages: bun.lock: packages is not an object");
        byte[] mixed = utf8("{\"lockfileVersion\": 1, \"packages\": {\"a\": [1, {\"x\": [2]}], \"b\": [\"b@1.0.0\"]}}");
        assertThat(skippedIn(parser, mixed))
                .containsExactly("entry a: bun.lock: does not start with \"name@version\"");
        // no workspace lists b: it is transitive, and bun.lock does not say its scope
        assertThat(parser.parse(mixed, new SkippedEntries()))
                .containsExactly(npm("b", "1.0.0").atLine(1).as(null, Dependency.TRANSITIVE));
    }

    @Test
    void truncatedFixtureIsADependencyFileException() throws Exception {
        byte[] content = fixture("bun/bun.lock");
        for (int keep : new int[] {content.length / 3, content.length / 2, content.length - 3}) {
            assertBad(truncated(content, keep), "bun.lock: ");
        }
    }

    private void assertBad(byte[] content, String reason) {
        assertThatThrownBy(() -> parseAll(parser, content)).isInstanceOf(DependencyFileException.class)
                .hasMessageContaining(reason).message().doesNotContain("\n");
    }
}
