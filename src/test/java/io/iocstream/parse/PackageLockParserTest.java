package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** npm lockfiles v1, v2 and shrinkwrap, on real fixtures (lockfiles/SOURCES-npm.tsv). */
class PackageLockParserTest {

    private final PackageLockParser parser = new PackageLockParser();

    private List<Dependency> parse(String fixture) throws Exception {
        return parseAll(parser, Files.readAllBytes(Path.of("src/test/resources/lockfiles", fixture)));
    }

    private static Dependency npm(String name, String version) {
        return new Dependency("npm", name, version);
    }

    @Test
    void v1NestedDependenciesWithAnAliasResolvedToTheRealPackage() throws Exception {
        assertThat(parse("package-lock-v1/package-lock.json")).containsExactlyInAnyOrder(
                npm("@babel/code-frame", "7.0.0"), npm("string-width", "5.1.2"), npm("string-width", "4.2.0"));
    }

    @Test
    void v2PackagesWhereTheNameFieldIsTheRealPackageBehindAnAlias() throws Exception {
        assertThat(parse("package-lock-v2/package-lock.json")).containsExactlyInAnyOrder(
                npm("@babel/code-frame", "7.0.0"), npm("string-width", "5.1.2"), npm("string-width", "4.2.0"));
    }

    @Test
    void v2AppSkipsTheRootWorkspacesAndLinksAndFoldsDuplicates() throws Exception {
        assertThat(parse("package-lock-v2-app/package-lock.json")).containsExactlyInAnyOrder(
                npm("@fake-registry/a", "1.2.3"), npm("@fake-registry/b", "1.0.1"), npm("@fake-registry/c", "1.1.1"),
                npm("@fake-registry/d", "2.2.2"), npm("@fake-registry/a", "2.3.4"), npm("@fake-registry/b", "2.0.0"));
    }

    @Test
    void v2SaysWhereEachPackageIsAndWhetherItIsDevAndDirect() throws Exception {
        byte[] lock = Files.readAllBytes(Path.of("src/test/resources/lockfiles/package-lock-v2-app/package-lock.json"));
        assertThat(Fixtures.parsePlaced(parser, lock))
                .extracting(Dependency::name, Dependency::version, Dependency::line, Dependency::scope,
                        Dependency::relationship)
                .containsExactly(
                        tuple("@fake-registry/a", "1.2.3", 22, "runtime", "direct"),
                        tuple("@fake-registry/b", "1.0.1", 32, "runtime", "direct"),
                        tuple("@fake-registry/c", "1.1.1", 38, "dev", "transitive"),
                        tuple("@fake-registry/d", "2.2.2", 48, "dev", "transitive"),
                        // the alias a-dev is a direct devDependency of the project
                        tuple("@fake-registry/a", "2.3.4", 55, "dev", "direct"),
                        tuple("@fake-registry/b", "2.0.0", 66, "dev", "transitive"));
    }

    @Test
    void aWorkspacesOwnDependencyIsDirectAndOptionalIsAScope() throws Exception {
        String lock = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "app", "workspaces": ["ui"]},
                  "node_modules/shared": {"version": "1.0.0", "optional": true},
                  "ui": {"name": "ui", "dependencies": {"chalk": "^5"}},
                  "ui/node_modules/chalk": {"version": "5.6.1"}
                }}""";
        assertThat(Fixtures.parsePlaced(parser, lock.getBytes(StandardCharsets.UTF_8)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("shared", 3, "optional", "transitive"), tuple("chalk", 5, "runtime", "direct"));
    }

    @Test
    void v1SaysWhereAndWhetherDevButNotWhichAreDirect() throws Exception {
        String lock = """
                {"lockfileVersion": 1, "dependencies": {
                  "chalk": {"version": "5.6.1"},
                  "jest": {"version": "29.0.0", "dev": true}
                }}""";
        assertThat(Fixtures.parsePlaced(parser, lock.getBytes(StandardCharsets.UTF_8)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("chalk", 2, "runtime", null), tuple("jest", 3, "dev", null));
    }

    @Test
    void shrinkwrapIsALockfileToo() throws Exception {
        assertThat(parse("npm-shrinkwrap/npm-shrinkwrap.json"))
                .containsExactlyInAnyOrder(npm("wrappy", "1.0.2"), npm("supports-color", "5.5.0"));
    }

    @Test
    void v3WithGitFileAndTarballDependenciesReportsOnlyRegistryVersions() throws Exception {
        String lock = """
                {"lockfileVersion": 3, "packages": {
                  "": {"name": "app"},
                  "node_modules/chalk": {"version": "5.6.1"},
                  "node_modules/from-git": {"version": "git+ssh://git@github.com/o/r.git#abc"},
                  "node_modules/local": {"version": "file:../local"},
                  "node_modules/a/node_modules/@scope/b": {"version": "1.0.0-beta.2"},
                  "node_modules/no-version": {"resolved": "x"}
                }}""";
        assertThat(parseAll(parser, lock.getBytes(StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrder(npm("chalk", "5.6.1"), npm("@scope/b", "1.0.0-beta.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"packages\": {", "not json", "{\"packages\": {\"node_modules/x\": "})
    void badInputIsAParseErrorNeverACrash(String content) {
        assertThatThrownBy(() -> parseAll(parser, content.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyFileException.class).hasMessageStartingWith("package-lock");
    }

    @Test
    void handlesLockfilesAnywhereButInsideNodeModules() {
        assertThat(parser.handles("package-lock.json")).isTrue();
        assertThat(parser.handles("packages/ui/package-lock.json")).isTrue();
        assertThat(parser.handles("npm-shrinkwrap.json")).isTrue();
        assertThat(parser.handles("node_modules/x/package-lock.json")).isFalse();
        assertThat(parser.handles("package.json")).isFalse();
        assertThat(parser.handles("my-package-lock.json")).isFalse();
    }
}
