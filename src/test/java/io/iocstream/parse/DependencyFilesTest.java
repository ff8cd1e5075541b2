package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every triple of lockfiles/EXPECTED.tsv (the team's list of what each real fixture must yield) comes out of
 * {@link DependencyFiles}, the registry the pipeline uses, with the parser chosen by the file's path alone.
 */
class DependencyFilesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/lockfiles");

    static Stream<String[]> expectedTriples() throws Exception {
        return Files.readAllLines(FIXTURES.resolve("EXPECTED.tsv")).stream().skip(1)
                .filter(line -> !line.isBlank()).map(line -> line.split("\t"));
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @MethodSource("expectedTriples")
    void theRegistryFindsEachExpectedTriple(String file, String ecosystem, String name, String version)
            throws Exception {
        Path fixture = FIXTURES.resolve(file);
        // as a repository would hold it: nested in a monorepo folder, found by its name
        String repoPath = "services/api/" + fixture.getFileName();
        assertThat(DependencyFiles.isDependencyFile(repoPath)).as(repoPath).isTrue();
        List<Dependency> deps = DependencyFiles.parse(repoPath, Files.readAllBytes(fixture), new SkippedEntries());
        assertThat(deps).extracting(Dependency::identity).contains(new Dependency(ecosystem, name, version));
    }

    /** A real file has no entry a parser cannot read: the checks for hostile entries raise no false alarms. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyRealFixtureIsReadWhole(String file) throws Exception {
        SkippedEntries skipped = new SkippedEntries();
        DependencyFiles.parse(file, Files.readAllBytes(FIXTURES.resolve(file)), skipped);
        assertThat(skipped.listed()).isEmpty();
    }

    static Stream<String> fixtures() throws Exception {
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            return files.filter(Files::isRegularFile).map(file -> FIXTURES.relativize(file).toString())
                    .filter(file -> file.contains("/")).toList().stream();
        }
    }

    @Test
    void pathsGoToTheParserTheirFileNameNames() {
        // file names are matched without copying them out: the name must be the whole last segment
        assertThat(DependencyParser.isNamed("go.sum", "go.sum")).isTrue();
        assertThat(DependencyParser.isNamed("svc/api/go.sum", "go.sum")).isTrue();
        assertThat(DependencyParser.isNamed("xgo.sum", "go.sum")).isFalse();
        assertThat(DependencyParser.isNamed("svc/xgo.sum", "go.sum")).isFalse();
        assertThat(DependencyParser.isNamed("go.sum/README", "go.sum")).isFalse();
        assertThat(DependencyParser.isNamed("sum", "go.sum")).isFalse();
        List<String[]> table = List.of(
                new String[] {"app/package-lock.json", "PackageLockParser"},
                new String[] {"npm-shrinkwrap.json", "PackageLockParser"},
                new String[] {"my-package-lock.json", null},
                new String[] {"ruby/Gemfile.lock", "GemfileLockParser"},
                new String[] {"gems.locked", "GemfileLockParser"},
                new String[] {"sbom/app.cdx.json", "CycloneDxParser"},
                new String[] {"bom.json", "CycloneDxParser"},
                new String[] {"xbom.json", null},
                new String[] {"buildscript-gradle.lockfile", "GradleLockfileParser"},
                new String[] {"requirements-dev.txt", "RequirementsParser"},
                new String[] {"requirements/base.txt", "RequirementsParser"},
                new String[] {"notes.txt", null},
                new String[] {"node_modules/left-pad/package.json", null},
                new String[] {"web/node_modules/left-pad/package.json", null},
                new String[] {"vendor/bundle/ruby/Gemfile.lock", null},
                new String[] {"my_node_modules/package.json", "PackageJsonParser"},
                new String[] {"README.md", null});
        for (String[] row : table) {
            assertThat(DependencyFiles.parserFor(row[0]).map(parser -> parser.getClass().getSimpleName()))
                    .as(row[0]).isEqualTo(Optional.ofNullable(row[1]));
        }
    }
}
