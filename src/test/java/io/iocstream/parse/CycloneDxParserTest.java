package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * SBOMs constructed from the CycloneDX 1.5 JSON specification, and npm's own {@code npm sbom} output
 * (lockfiles/sbom-npm, attribution in SOURCES-js.tsv) for where and how each component is named.
 */
class CycloneDxParserTest {

    private static final String BOM = """
            {
              "bomFormat": "CycloneDX",
              "specVersion": "1.5",
              "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
              "version": 1,
              "metadata": {
                "component": {"type": "application", "name": "my-app", "version": "1.0.0",
                              "purl": "pkg:npm/my-app@1.0.0"}
              },
              "components": [
                {"type": "library", "bom-ref": "a", "name": "tinycolor", "group": "@ctrl", "version": "4.1.1",
                 "purl": "pkg:npm/%40ctrl/tinycolor@4.1.1"},
                {"type": "library", "name": "requests", "version": "2.31.0", "purl": "pkg:pypi/requests@2.31.0",
                 "hashes": [{"alg": "SHA-256", "content": "abc"}]},
                {"type": "framework", "name": "spring-boot", "version": "3.2.4",
                 "purl": "pkg:maven/org.springframework.boot/spring-boot@3.2.4?type=jar",
                 "components": [
                   {"type": "library", "name": "spring-core", "version": "6.1.5",
                    "purl": "pkg:maven/org.springframework/spring-core@6.1.5"}
                 ]},
                {"type": "library", "name": "no-purl", "version": "1.0.0"},
                {"type": "container", "name": "alpine", "purl": "pkg:docker/alpine@3.19"},
                {"type": "library", "name": "tinycolor again",
                 "purl": "pkg:npm/%40ctrl/tinycolor@4.1.1"}
              ],
              "dependencies": [{"ref": "a", "dependsOn": []}]
            }
            """;

    private final CycloneDxParser parser = new CycloneDxParser();

    @Test
    void theSubjectsGraphEntrySaysWhichAreDirectAndScopeSaysRuntime() throws Exception {
        // npm sbom: the subject test-npm-sbom depends on foo and chai; dog comes with foo; all "required"; the
        // line is the component's {
        assertThat(Fixtures.parsePlaced(parser, lockfile("sbom-npm/bom.cdx.json")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("chai", 38, "runtime", "direct"), tuple("foo", 53, "runtime", "direct"),
                        tuple("dog", 68, "runtime", "transitive"));
    }

    @Test
    void scopesMapAndTheNpmDevelopmentPropertyIsDev() throws Exception {
        String bom = """
                {
                  "bomFormat": "CycloneDX",
                  "dependencies": [{"ref": "app", "dependsOn": ["a"]}],
                  "components": [
                    {"bom-ref": "a", "purl": "pkg:npm/a@1.0.0", "scope": "optional"},
                    {"bom-ref": "b", "purl": "pkg:npm/b@1.0.0", "scope": "excluded"},
                    {"bom-ref": "c", "purl": "pkg:npm/c@1.0.0", "scope": "required",
                     "properties": [{"name": "cdx:npm:package:development", "value": "true"}]},
                    {"purl": "pkg:npm/d@1.0.0"}
                  ],
                  "metadata": {"component": {"bom-ref": "app", "name": "app"}}
                }
                """;
        // the graph and the subject may come in any order; d has no bom-ref, so the graph cannot name it
        assertThat(Fixtures.parsePlaced(parser, utf8(bom)))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("a", 5, "optional", "direct"), tuple("b", 6, null, "transitive"),
                        tuple("c", 7, "dev", "transitive"), tuple("d", 9, null, null));
    }

    @Test
    void withoutTheSubjectsGraphEntryTheRelationshipIsNotTold() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, utf8(BOM))).extracting(Dependency::relationship).containsOnlyNulls();
    }

    @Test
    void readsComponentPurlsIncludingNestedOnesButNotTheSubject() throws Exception {
        assertThat(parseAll(parser, utf8(BOM))).containsExactly(
                new Dependency("npm", "@ctrl/tinycolor", "4.1.1"),
                new Dependency("PyPI", "requests", "2.31.0"),
                new Dependency("Maven", "org.springframework.boot:spring-boot", "3.2.4"),
                new Dependency("Maven", "org.springframework:spring-core", "6.1.5"));
    }

    @Test
    void anSbomWithoutComponentsHasNoDependencies() throws Exception {
        assertThat(parseAll(parser, utf8("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\"}"))).isEmpty();
    }

    @Test
    void handlesBomJsonAndCdxJson() {
        assertThat(parser.handles("bom.json")).isTrue();
        assertThat(parser.handles("sbom/app.cdx.json")).isTrue();
        assertThat(parser.handles("app.spdx.json")).isFalse();
        assertThat(parser.handles("node_modules/x/bom.json")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, utf8(BOM.substring(0, BOM.indexOf("spring-core"))));
        assertRejected(parser, lockfile("nuget/packages.lock.json"));
        assertRejected(parser, utf8("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>"));
    }
}
