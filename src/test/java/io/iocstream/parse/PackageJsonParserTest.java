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

/** package.json: only exact pins are versions; ranges, tags and URLs are not. */
class PackageJsonParserTest {

    private final PackageJsonParser parser = new PackageJsonParser();

    @Test
    void everyPinnedDependencyIsDirectInItsSectionsScopeOnItsLine() throws Exception {
        // accepts itself on its "name" line (2); negotiator (13) in dependencies; deep-equal (16) and nyc (25) in
        // devDependencies; mime-types (12) is a range and not reported
        assertThat(Fixtures.parsePlaced(parser, fixture("package-json/package.json")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .startsWith(tuple("accepts", 2, null, null), tuple("negotiator", 13, "runtime", "direct"),
                        tuple("deep-equal", 16, "dev", "direct"))
                .contains(tuple("nyc", 25, "dev", "direct"));
    }

    @Test
    void optionalAndPeerDependenciesHaveTheirOwnScopes() throws Exception {
        byte[] manifest = utf8("""
                {
                  "optionalDependencies": {"fsevents": "2.3.3"},
                  "peerDependencies": {"react": "18.2.0"}
                }
                """);
        assertThat(Fixtures.parsePlaced(parser, manifest))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("fsevents", 2, "optional", "direct"), tuple("react", 3, "runtime", "direct"));
    }

    @Test
    void handlesManifestsOutsideNodeModules() {
        assertThat(parser.handles("package.json")).isTrue();
        assertThat(parser.handles("packages/app/package.json")).isTrue();
        assertThat(parser.handles("node_modules/accepts/package.json")).isFalse();
        assertThat(parser.handles("package-lock.json")).isFalse();
        assertThat(parser.handles("my-package.json")).isFalse();
    }

    @Test
    void acceptsFixtureReportsItselfAndItsExactPins() throws Exception {
        List<Dependency> deps = parseAll(parser, fixture("package-json/package.json"));

        // EXPECTED.tsv: accepts 1.3.8; plus the 11 exact pins; "mime-types": "~2.1.34" is a range.
        assertThat(deps).contains(npm("accepts", "1.3.8"));
        assertThat(deps).contains(npm("negotiator", "0.6.3"), npm("deep-equal", "1.0.1"), npm("eslint", "7.32.0"),
                npm("mocha", "9.2.0"), npm("nyc", "15.1.0"));
        assertThat(deps).hasSize(12);
        assertThat(deps).extracting(Dependency::name).doesNotContain("mime-types");
    }

    @Test
    void reportsOnlyExactSpecsAndResolvesAliases() throws Exception {
        List<Dependency> deps = parse("""
                {"name": "app", "private": true, "version": "1.0.0",
                 "dependencies": {"a": "1.2.3", "b": "=2.0.0", "c": "v3.1.4-beta.1", "d": "^1.0.0",
                   "e": "latest", "f": "github:org/f#v1.0.0", "g": "1.x", "h": ">=1.0.0 <2.0.0",
                   "i": "file:../i", "j": "workspace:*", "k": "https://example.com/k-1.0.0.tgz"},
                 "devDependencies": {"code-frame": "npm:@babel/code-frame@7.0.0", "z": "npm:zed@^1.0.0",
                   "@scope/pinned": "4.5.6"},
                 "optionalDependencies": {"opt": "0.1.0", "opt-v": " = v0.2.0 ", "vv": "vv1.0.0"},
                 "peerDependencies": {"peer": "5.0.0", "a": "1.2.3"},
                 "bundledDependencies": ["a"]}
                """);

        // versions as written once the = operator and blanks are gone: the matcher reads v3.1.4-beta.1 as npm does
        assertThat(deps).containsExactly(npm("a", "1.2.3"), npm("b", "2.0.0"), npm("c", "v3.1.4-beta.1"),
                npm("@babel/code-frame", "7.0.0"), npm("@scope/pinned", "4.5.6"), npm("opt", "0.1.0"),
                npm("opt-v", "v0.2.0"), npm("peer", "5.0.0"));
    }

    @Test
    void manifestWithoutDependenciesReportsNothingButItself() throws Exception {
        assertThat(parse("{\"name\": \"x\", \"version\": \"0.0.1\"}")).containsExactly(npm("x", "0.0.1"));
        assertThat(parse("{\"name\": \"x\", \"version\": \"v0.0.1\"}")).containsExactly(npm("x", "v0.0.1"));
        assertThat(parse("{}")).isEmpty();
    }

    @Test
    void badInputIsADependencyFileException() {
        assertBad("", "empty");
        assertBad("[1, 2]", "not a JSON object");
        assertBad("{\"dependencies\": {\"a\": \"1.0.0\"", "package.json");
        assertBad("lockfileVersion: 5.3\n", "package.json");
        assertBad("{} {}", "package.json");
    }

    @Test
    void aSectionOrSpecOfAnotherTypeIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, utf8("{\"dependencies\": [\"a\"], \"devDependencies\": {\"b\": \"1.0.0\"}}")))
                .containsExactly("entry dependencies: package.json: not an object");
        byte[] manifest = utf8("{\"dependencies\": {\"a\": {\"version\": \"1.0.0\"}, \"b\": \"2.0.0\"}}");
        assertThat(skippedIn(parser, manifest))
                .containsExactly("entry dependencies.a: package.json: spec is not a string");
        assertThat(parser.parse(manifest, new SkippedEntries()))
                .containsExactly(npm("b", "2.0.0").atLine(1).as(Dependency.RUNTIME, Dependency.DIRECT));
    }

    @Test
    void truncatedFixtureIsADependencyFileException() throws Exception {
        byte[] content = fixture("package-json/package.json");
        assertThatThrownBy(() -> parseAll(parser, truncated(content, content.length / 2)))
                .isInstanceOf(DependencyFileException.class).hasMessageStartingWith("package.json: ");
    }

    private void assertBad(String content, String reason) {
        assertThatThrownBy(() -> parse(content)).isInstanceOf(DependencyFileException.class)
                .hasMessageContaining(reason).message().doesNotContain("\n");
    }

    private List<Dependency> parse(String content) throws DependencyFileException {
        return parseAll(parser, utf8(content));
    }
}
