package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * Documents constructed from the SPDX 2.3 JSON specification, and npm's own {@code npm sbom} output
 * (lockfiles/sbom-npm, attribution in SOURCES-js.tsv) for where and how each package is named.
 */
class SpdxParserTest {

    private static final String DOCUMENT = """
            {
              "spdxVersion": "SPDX-2.3",
              "dataLicense": "CC0-1.0",
              "SPDXID": "SPDXRef-DOCUMENT",
              "name": "my-app",
              "documentNamespace": "https://example.org/spdx/my-app-1.0.0",
              "creationInfo": {"created": "2025-09-16T00:00:00Z", "creators": ["Tool: example"]},
              "packages": [
                {"SPDXID": "SPDXRef-Package-chalk", "name": "chalk", "versionInfo": "5.6.1",
                 "downloadLocation": "NOASSERTION",
                 "externalRefs": [
                   {"referenceCategory": "SECURITY", "referenceType": "cpe23Type",
                    "referenceLocator": "cpe:2.3:a:chalk:chalk:5.6.1:*:*:*:*:*:*:*"},
                   {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                    "referenceLocator": "pkg:npm/chalk@5.6.1"}
                 ]},
                {"SPDXID": "SPDXRef-Package-litellm", "name": "litellm", "versionInfo": "1.82.7",
                 "externalRefs": [
                   {"referenceLocator": "pkg:pypi/litellm@1.82.7", "referenceType": "purl",
                    "referenceCategory": "PACKAGE_MANAGER"}
                 ]},
                {"SPDXID": "SPDXRef-Package-logrus", "name": "github.com/sirupsen/logrus",
                 "externalRefs": [
                   {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                    "referenceLocator": "pkg:golang/github.com/sirupsen/logrus@v1.9.3"}
                 ]},
                {"SPDXID": "SPDXRef-Package-nopurl", "name": "openssl", "versionInfo": "3.0.13"}
              ],
              "relationships": []
            }
            """;

    private final SpdxParser parser = new SpdxParser();

    @Test
    void dependencyRelationshipsOfTheDescribedPackageSayDirectAndScope() throws Exception {
        // npm sbom: dep1 PREREQUISITE_FOR root, dep2 and dep6 OPTIONAL_DEPENDENCY_OF, dep3 DEV_DEPENDENCY_OF, dep4
        // DEPENDENCY_OF, dep5 DEPENDENCY_OF dep4; root is what the document describes; lines are each package's {
        assertThat(Fixtures.parsePlaced(parser, lockfile("sbom-npm/deps.spdx.json")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .containsExactly(tuple("root", 17, null, null), tuple("dep1", 34, null, "direct"),
                        tuple("dep2", 51, "optional", "direct"), tuple("dep3", 68, "dev", "direct"),
                        tuple("dep4", 85, null, "direct"), tuple("dep5", 102, null, "transitive"),
                        tuple("dep6", 119, "optional", "direct"));
    }

    @Test
    void npmsOldRootFirstDevDependencyIsReadTheWayItWasMeant() throws Exception {
        // npm 10.2 and older wrote "root DEV_DEPENDENCY_OF dep" (npm/cli#6867)
        String fixed = new String(lockfile("sbom-npm/deps.spdx.json"), java.nio.charset.StandardCharsets.UTF_8);
        String old = fixed.replace("""
                      "spdxElementId": "SPDXRef-Package-dep3-0.0.3",
                      "relatedSpdxElement": "SPDXRef-Package-root-1.0.0",
                """, """
                      "spdxElementId": "SPDXRef-Package-root-1.0.0",
                      "relatedSpdxElement": "SPDXRef-Package-dep3-0.0.3",
                """);
        assertThat(old).isNotEqualTo(fixed);
        assertThat(Fixtures.parsePlaced(parser, utf8(old)))
                .extracting(Dependency::name, Dependency::scope, Dependency::relationship)
                .contains(tuple("dep3", "dev", "direct"), tuple("root", null, null));
    }

    @Test
    void aDocumentWithoutDependencyRelationshipsSaysNothingOfThem() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, utf8(DOCUMENT)))
                .extracting(Dependency::line, Dependency::relationship)
                .containsExactly(tuple(9, null), tuple(17, null), tuple(22, null));
    }

    @Test
    void readsPurlExternalRefsOnly() throws Exception {
        assertThat(parseAll(parser, utf8(DOCUMENT))).containsExactly(
                new Dependency("npm", "chalk", "5.6.1"),
                new Dependency("PyPI", "litellm", "1.82.7"),
                new Dependency("Go", "github.com/sirupsen/logrus", "v1.9.3"));
    }

    @Test
    void handlesSpdxJsonOnly() {
        assertThat(parser.handles("sbom/app.spdx.json")).isTrue();
        assertThat(parser.handles("app.spdx")).isFalse();
        assertThat(parser.handles("bom.json")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, utf8(DOCUMENT.substring(0, DOCUMENT.indexOf("litellm@"))));
        assertRejected(parser, lockfile("pipfile/Pipfile.lock"));
        assertRejected(parser, utf8("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n"));
    }
}
