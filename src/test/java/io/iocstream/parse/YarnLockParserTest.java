package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.JsFixtures.fixture;
import static io.iocstream.parse.JsFixtures.npm;
import static io.iocstream.parse.JsFixtures.truncated;
import static io.iocstream.parse.JsFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** yarn.lock, classic v1 text and berry YAML. */
class YarnLockParserTest {

    private final YarnLockParser parser = new YarnLockParser();

    @Test
    void berryWorkspaceEntriesSayWhichAreDirect() throws Exception {
        byte[] lock = utf8("""
                __metadata:
                  version: 8
                  cacheKey: 10c0

                "app@workspace:.":
                  version: 0.0.0-use.local
                  resolution: "app@workspace:."
                  dependencies:
                    lodash: "npm:^4.17.21"
                    typescript: "npm:^5.4.0"
                  languageName: unknown
                  linkType: soft

                "lodash@npm:^4.17.20, lodash@npm:^4.17.21":
                  version: 4.17.21
                  resolution: "lodash@npm:4.17.21"
                  languageName: node
                  linkType: hard

                "typescript@npm:^5.4.0":
                  version: 5.4.5
                  resolution: "typescript@npm:5.4.5"
                  dependencies:
                    tslib: "npm:^2.6.0"
                  languageName: node
                  linkType: hard

                "tslib@npm:^2.6.0":
                  version: 2.6.2
                  resolution: "tslib@npm:2.6.2"
                  languageName: node
                  linkType: hard
                """);
        // typescript is a devDependency, but berry merges those into the workspace's dependencies: no scope
        assertThat(Fixtures.parsePlaced(parser, lock))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("lodash", 14, null, "direct"), tuple("typescript", 20, null, "direct"),
                        tuple("tslib", 28, null, "transitive"));
    }

    @Test
    void berryEntriesCarryTheLineOfTheirKeyAndWithoutWorkspaceEntriesNoRelationship() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, fixture("yarn-berry/yarn.lock")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .contains(tuple("@my-scope/my-first-package", 8, null, null),
                        tuple("my-second-package", 12, null, null), tuple("@typegoose/typegoose", 21, null, null),
                        tuple("is-really-great", 58, null, null));
    }

    @Test
    void handlesYarnLocksOutsideNodeModules() {
        assertThat(parser.handles("yarn.lock")).isTrue();
        assertThat(parser.handles("web/yarn.lock")).isTrue();
        assertThat(parser.handles("node_modules/x/yarn.lock")).isFalse();
        assertThat(parser.handles("yarn.lock.bak")).isFalse();
    }

    @Test
    void classicFixtureReportsGitEntriesWithTheirRecordedVersions() throws Exception {
        List<Dependency> deps = parseAll(parser, fixture("yarn-v1/yarn.lock"));

        assertThat(deps).contains(npm("mine1", "1.0.0-alpha.37"), npm("mine2", "0.0.1"), npm("mine3", "1.2.3"));
        assertThat(deps).contains(npm("mine4", "0.0.2"), npm("mine4", "0.0.4"),
                npm("@bower_components/angular-animate", "1.4.14"), npm("minimist", "0.0.8"),
                npm("is-number", "2.0.0"), npm("is-number", "5.0.0"));
        // 18 entries in the file, each a distinct (name, version).
        assertThat(deps).hasSize(18);
    }

    @Test
    void berryFixtureNamesEntriesFromTheirResolution() throws Exception {
        List<Dependency> deps = parseAll(parser, fixture("yarn-berry/yarn.lock"));

        assertThat(deps).contains(npm("@my-scope/my-first-package", "0.0.6"), npm("@typegoose/typegoose", "7.2.0"),
                npm("my-second-package", "0.2.2"));
        // 7 entries besides __metadata.
        assertThat(deps).hasSize(7).contains(npm("my-third-package", "0.16.1-dev"), npm("vuejs", "2.5.0"));
    }

    @Test
    void classicSaysTheLineOfEachEntrysKey() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, fixture("yarn-v1/yarn.lock")))
                .extracting(Dependency::name, Dependency::line)
                .startsWith(tuple("mine1", 5), tuple("mine2", 11),
                        tuple("mine3", 17));
    }

    @Test
    void classicResolvesAliasesAndSkipsLocalCode() throws Exception {
        List<Dependency> deps = parseAll(parser, utf8("""
                # yarn lockfile v1


                "@babel/code-frame@^7.0.0", "babel-code-frame@npm:@babel/code-frame@^7.0.0":
                  version "7.12.13"
                  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz#abc"
                  dependencies:
                    "@babel/highlight" "^7.12.13"

                string-width-cjs@npm:string-width@^4.2.0:
                  version "4.2.3"

                lodash@^4.17.20, lodash@^4.17.21:
                  version "4.17.21"

                "my-lib@file:../my-lib":
                  version "1.0.0"

                "linked@link:./linked":
                  version "0.0.0"

                lodash@4.17.21:
                  version "4.17.21"
                """));

        assertThat(deps).containsExactly(npm("@babel/code-frame", "7.12.13"), npm("string-width", "4.2.3"),
                npm("lodash", "4.17.21"));
    }

    @Test
    void berryResolvesAliasesAndSkipsWorkspacesPatchesAndLinks() throws Exception {
        List<Dependency> deps = parseAll(parser, utf8("""
                __metadata:
                  version: 8
                  cacheKey: 10c0

                "babel-code-frame@npm:@babel/code-frame@^7.0.0":
                  version: 7.12.13
                  resolution: "@babel/code-frame@npm:7.12.13"

                "lodash@npm:^4.17.20, lodash@npm:^4.17.21":
                  version: 4.17.21
                  resolution: "lodash@npm:4.17.21"

                "resolve@npm:^1.22.1":
                  version: 1.22.1
                  resolution: "resolve@npm:1.22.1"

                "resolve@patch:resolve@npm%3A^1.22.1#~builtin<compat/resolve>":
                  version: 1.22.1
                  resolution: "resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>::version=1.22.1"

                "my-app@workspace:.":
                  version: 0.0.0-use.local
                  resolution: "my-app@workspace:."

                "tools@link:./tools::locator=my-app%40workspace%3A.":
                  version: 0.0.0-use.local
                  resolution: "tools@link:./tools::locator=my-app%40workspace%3A."

                "minor@npm:1.10.0":
                  version: 1.10.0
                  resolution: "minor@npm:1.10.0"
                """));

        assertThat(deps).containsExactly(npm("@babel/code-frame", "7.12.13"), npm("lodash", "4.17.21"),
                npm("resolve", "1.22.1"), npm("minor", "1.10.0"));
    }

    @Test
    void headerOnlyLockfileHasNoDependencies() throws Exception {
        assertThat(parseAll(parser, utf8("# THIS IS AN AUTOGENERATED FILE.\n# yarn lockfile v1\n\n\n"))).isEmpty();
    }

    @Test
    void badInputIsADependencyFileException() throws Exception {
        assertBad(utf8(""), "empty");
        assertBad(utf8("__metadata:\n  version: 8\n\"a@npm:1\": [1, 2\n"), "yarn.lock: ");
    }

    @Test
    void anEntryThatCannotBeReadIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, utf8("{\"lockfileVersion\": 3, \"packages\": {}}\n")))
                .containsExactly("line 1: yarn.lock: not an entry key");
        // the lines under a line that is no key belong to no entry: they are skipped with it
        byte[] pnpm = utf8("lockfileVersion: 5.3\n  version \"9.9.9\"\n\npackages:\n  /a/1.0.0: {}\n");
        assertThat(skippedIn(parser, pnpm)).containsExactly("line 1: yarn.lock: not an entry key",
                "entry packages: yarn.lock: no version");
        assertThat(skippedIn(parser, utf8("  version \"1.0.0\"\nb@^2:\n  version \"2.0.0\"\n")))
                .containsExactly("line 1: yarn.lock: indented outside an entry");
        byte[] classic = utf8("a@^1.0.0:\n  resolved \"https://x\"\n\nb@^2:\n  version \"2.0.0\"\n");
        assertThat(skippedIn(parser, classic)).containsExactly("entry a@^1.0.0: yarn.lock: no version");
        assertThat(parser.parse(classic, new SkippedEntries())).containsExactly(npm("b", "2.0.0").atLine(4));
        assertThat(skippedIn(parser, utf8("__metadata:\n  version: 8\n\"a@npm:^1\":\n  resolution: \"a@npm:1.0.0\"\n")))
                .containsExactly("entry a@npm:^1: yarn.lock: no version");
        assertThat(skippedIn(parser, utf8("__metadata:\n  version: 8\n\"a@npm:^1\": 1.0.0\n")))
                .containsExactly("entry a@npm:^1: yarn.lock: not a mapping");
    }

    @Test
    void truncatedFixturesAreReadAsFarAsTheyGo() throws Exception {
        byte[] classic = fixture("yarn-v1/yarn.lock");
        // Cut inside `version "1.0.0-alpha.37"`: an unterminated string in the first entry.
        int cut = new String(classic, StandardCharsets.UTF_8).indexOf("alpha.37") + 3;
        assertThat(skippedIn(parser, truncated(classic, cut))).singleElement().asString()
                .endsWith("yarn.lock: unterminated string on line 6");
        byte[] berry = fixture("yarn-berry/yarn.lock");
        int berryCut = new String(berry, StandardCharsets.UTF_8).indexOf("resolution: \"@my") + 15;
        assertBad(truncated(berry, berryCut), "yarn.lock: ");
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void berryAliasBombFailsFast() {
        String bomb = """
                __metadata:
                  version: 8
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                """;
        assertBad(utf8(bomb), "alias");
    }

    private void assertBad(byte[] content, String reason) {
        assertThatThrownBy(() -> parseAll(parser, content)).isInstanceOf(DependencyFileException.class)
                .hasMessageContaining(reason).message().doesNotContain("\n");
    }
}
