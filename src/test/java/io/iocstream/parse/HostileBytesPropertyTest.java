package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.HostileInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: any byte sequence up to 1 MB, given to any dependency parser, the workflow reader or the host scanner,
 * ends in a result or a {@link DependencyFileException} within {@link HostileInput#PER_TRY}, never another
 * exception. Inputs are random bytes, punctuation soup and mutations of the real files under
 * {@code src/test/resources/lockfiles} (see {@link HostileInput} for the seed and the deep run).
 */
class HostileBytesPropertyTest {

    /** A path each parser handles, and a valid file of its format to mutate. */
    record Format(String path, byte[] valid) {}

    private static final String WORKFLOW = """
            name: ci
            on: [push]
            jobs:
              build:
                runs-on: [self-hosted, linux]
                steps:
                  - uses: actions/checkout@v4
                  - run: curl https://example.com/install.sh | sh
            """;

    static List<Format> formats() {
        return List.of(
                lockfile("package-lock-v1/package-lock.json"), lockfile("package-lock-v2/package-lock.json"),
                lockfile("npm-shrinkwrap/npm-shrinkwrap.json"), lockfile("package-json/package.json"),
                lockfile("yarn-v1/yarn.lock"), lockfile("yarn-berry/yarn.lock"),
                lockfile("pnpm-v5/pnpm-lock.yaml"), lockfile("pnpm-v9/pnpm-lock.yaml"), lockfile("bun/bun.lock"),
                lockfile("requirements/requirements.txt"), lockfile("pipfile/Pipfile.lock"),
                lockfile("poetry/poetry.lock"), lockfile("uv/uv.lock"), lockfile("pdm/pdm.lock"),
                new Format("pyproject.toml", utf8("""
                        [project]
                        name = "demo"
                        dependencies = ["requests==2.31.0", "idna>=3"]
                        [tool.poetry.dependencies]
                        flask = "2.3.3"
                        """)),
                lockfile("gemfile/Gemfile.lock"), lockfile("composer/composer.lock"),
                lockfile("go/go.mod"), lockfile("go/go.sum"), lockfile("cargo/Cargo.lock"),
                lockfile("maven/pom.xml"), lockfile("gradle/gradle.lockfile"), lockfile("nuget/packages.lock.json"),
                new Format("bom.json", utf8("""
                        {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
                          {"type": "library", "name": "left-pad", "version": "1.3.0", "purl": "pkg:npm/left-pad@1.3.0"}]}
                        """)),
                new Format("sbom.spdx.json", utf8("""
                        {"spdxVersion": "SPDX-2.3", "packages": [{"name": "left-pad", "versionInfo": "1.3.0",
                          "externalRefs": [{"referenceType": "purl", "referenceLocator": "pkg:npm/left-pad@1.3.0"}]}]}
                        """)));
    }

    @Test
    void everyParserHasAFormatHere() {
        // a parser added to DependencyFiles without a format here would go untested by the properties below
        assertThat(formats().stream().map(f -> DependencyFiles.parserFor(f.path()).orElseThrow().getClass())
                .distinct()).hasSize(21);
    }

    @TestFactory
    Stream<DynamicTest> anyBytesGiveDependenciesOrADependencyFileException() {
        return formats().stream().map(format -> DynamicTest.dynamicTest(format.path(), () -> {
            DependencyParser parser = DependencyFiles.parserFor(format.path()).orElseThrow();
            HostileInput.forAll("parser " + format.path(), random -> {
                byte[] content = HostileInput.bytes(random, format.valid());
                try {
                    List<Dependency> dependencies = parser.parse(content, new SkippedEntries());
                    assertThat(dependencies).doesNotContainNull();
                } catch (DependencyFileException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            });
        }));
    }

    @Test
    void anyBytesGiveWorkflowValuesOrADependencyFileException() {
        HostileInput.forAll("workflow", random -> {
            byte[] content = HostileInput.bytes(random, utf8(WORKFLOW));
            try {
                List<String> values = WorkflowFiles.values(content, new SkippedEntries());
                assertThat(WorkflowFiles.linesOf(content, values)).isNotNull();
            } catch (DependencyFileException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void anyBytesGiveHosts() {
        byte[] valid = utf8(WORKFLOW + "\nhttps://webhook.site/abc evil.co.uk 203.0.113.9 x.example.org\n");
        HostileInput.forAll("hosts", random -> {
            byte[] content = HostileInput.bytes(random, valid);
            // hosts alone, and hosts with the URLs that have a path (what a URL indicator is matched against)
            assertThat(HostScanner.hosts(content)).allSatisfy(host -> assertThat(host).isNotBlank());
            assertThat(HostScanner.hostLines(content, true)).allSatisfy((host, line) -> {
                assertThat(host).isNotBlank();
                assertThat(line).isPositive();
            });
        });
    }

    private static Format lockfile(String relative) {
        return new Format(relative.substring(relative.indexOf('/') + 1), Fixtures.lockfile(relative));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
