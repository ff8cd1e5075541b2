package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
        List<Dependency> deps = DependencyFiles.parse(repoPath, Files.readAllBytes(fixture));
        assertThat(deps).contains(new Dependency(ecosystem, name, version));
    }
}
