package io.iocstream.parse;

import static io.iocstream.parse.JsFixtures.fixture;
import static io.iocstream.parse.JsFixtures.npm;
import static io.iocstream.parse.JsFixtures.truncated;
import static io.iocstream.parse.JsFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bun.lock: JSONC whose packages are arrays led by "name@version". */
class BunLockParserTest {

    private final BunLockParser parser = new BunLockParser();

    @Test
    void handlesBunLocksOutsideNodeModules() {
        assertThat(parser.handles("bun.lock")).isTrue();
        assertThat(parser.handles("apps/api/bun.lock")).isTrue();
        assertThat(parser.handles("node_modules/x/bun.lock")).isFalse();
        assertThat(parser.handles("bun.lockb")).isFalse();
    }

    @Test
    void fixtureReportsRegistryPackagesAndSkipsGitOnes() throws Exception {
        List<Dependency> deps = parser.parse(fixture("bun/bun.lock"));

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
        List<Dependency> deps = parser.parse(utf8("""
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
        assertBad(utf8("{\"lockfileVersion\": 3, \"packages\": {\"\": {}, \"node_modules/a\": {\"version\": \"1\"}}}"),
                "package  is not");
        assertBad(utf8("{\"lockfileVersion\": 1, \"packages\": [\"a@1.0.0\"]}"), "packages is not an object");
        assertBad(utf8("{\"lockfileVersion\": 1, \"packages\": {\"a\": [1, 2]}}"), "package a is not");
    }

    @Test
    void truncatedFixtureIsADependencyFileException() throws Exception {
        byte[] content = fixture("bun/bun.lock");
        for (int keep : new int[] {content.length / 3, content.length / 2, content.length - 3}) {
            assertBad(truncated(content, keep), "bun.lock: ");
        }
    }

    private void assertBad(byte[] content, String reason) {
        assertThatThrownBy(() -> parser.parse(content)).isInstanceOf(DependencyFileException.class)
                .hasMessageContaining(reason).message().doesNotContain("\n");
    }
}
