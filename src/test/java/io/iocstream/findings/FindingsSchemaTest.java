package io.iocstream.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.testing.FindingsSchema;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/findings.schema.json takes the findings iocstream writes and refuses what breaks the contract. */
class FindingsSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A package finding as the pipeline writes it, every triage field set. */
    private static final String PACKAGE = """
            {"schema_version":1,"finding_id":"0123456789abcdef0123456789abcdef","status":"open","trigger":"push",
             "repo":"acme/storefront","ref":"refs/heads/main","commit":"a410548e04ec054d4ce326043a91998461fa710e",
             "path":"web/package-lock.json","kind":"package","ecosystem":"npm","package":"chalk","version":"5.6.1",
             "indicator":null,"ioc_ids":["MAL-2025-46969"],"severity":"critical",
             "detected_at":"2026-12-06T07:00:00.123456Z","pusher":"Codertocat","sender":"Codertocat",
             "pushed_at":"2019-05-15T15:20:57Z",
             "html_url":"https://github.com/acme/storefront/blob/a410548e04ec054d4ce326043a91998461fa710e/web/package-lock.json#L12",
             "line":12,"summary":"Malicious code in chalk (npm)","aliases":["GHSA-2v46-p5h4-248w"],"references":[],
             "feed":"osv/malicious/npm/chalk/MAL-2025-46969.json","scope":"runtime","relationship":"direct"}""";

    /** A domain finding of a baseline request: nothing known of who pushed. */
    private static final String DOMAIN = """
            {"schema_version":1,"finding_id":"0123456789abcdef0123456789abcdef","status":"resolved",
             "trigger":"baseline","repo":"acme/api","ref":"refs/heads/main",
             "commit":"a410548e04ec054d4ce326043a91998461fa710e","path":"scripts/setup.sh","kind":"domain",
             "ecosystem":null,"package":null,"version":null,"indicator":"webhook.site","ioc_ids":["iocs.csv:2"],
             "severity":"high","detected_at":"2026-12-06T07:00:00Z","pusher":null,"sender":null,"pushed_at":null,
             "html_url":"https://ghe.example.com/acme/api/blob/a410548e04ec054d4ce326043a91998461fa710e/scripts/setup.sh",
             "line":null,"summary":null,"aliases":[],"references":[],"feed":"indicators.csv","scope":null,
             "relationship":null}""";

    @Test
    void findingsAsThePipelineWritesThemAreValid() {
        assertThat(FindingsSchema.problems(PACKAGE)).isEmpty();
        assertThat(FindingsSchema.problems(DOMAIN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema_version", "finding_id", "ioc_ids", "detected_at", "pusher", "html_url", "aliases",
            "scope"})
    void aMissingFieldIsRefused(String field) {
        assertThat(problems(PACKAGE, f -> f.remove(field))).isNotEmpty();
    }

    @Test
    void valuesOutsideTheContractAreRefused() {
        assertThat(problems(PACKAGE, f -> f.put("kind", "malware"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("status", "closed"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("severity", "CRITICAL"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.putArray("ioc_ids"))).as("ioc_ids never empty").isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("commit", "abc"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("detected_at", "yesterday"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("pushed_at", "2019-05-15"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("line", 0))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("scope", "test"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("relationship", "indirect"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("html_url", "javascript:alert(1)"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("surprise", 1))).as("every field is described").isNotEmpty();
    }

    @Test
    void aPackageFindingNamesItsPackageAndAnIndicatorFindingItsValue() {
        assertThat(problems(PACKAGE, f -> f.putNull("package"))).isNotEmpty();
        assertThat(problems(PACKAGE, f -> f.put("indicator", "chalk"))).isNotEmpty();
        assertThat(problems(DOMAIN, f -> f.putNull("indicator"))).isNotEmpty();
        assertThat(problems(DOMAIN, f -> f.put("ecosystem", "npm"))).isNotEmpty();
        assertThat(problems(DOMAIN, f -> f.put("scope", "dev"))).as("only dependencies have a scope").isNotEmpty();
    }

    @Test
    void aRepositoryFindingIsOnTheRepositorysPathWithoutLinkAndOnlyItMayHaveNoCommit() {
        Consumer<ObjectNode> repository = f -> f.put("kind", "repository").put("path", ".")
                .put("indicator", "shai-hulud").putNull("html_url").putNull("commit");
        assertThat(problems(DOMAIN, repository)).isEmpty();
        assertThat(problems(DOMAIN, repository.andThen(f -> f.put("commit", "a410548e04ec054d4ce326043a91998461fa710e"))))
                .isEmpty();
        assertThat(problems(DOMAIN, repository.andThen(f -> f.put("path", "README.md")))).isNotEmpty();
        assertThat(problems(DOMAIN, f -> f.putNull("commit"))).as("a file is read at a commit").isNotEmpty();
    }

    @Test
    void aLineIsAlsoTheLinksAnchor() {
        assertThat(problems(PACKAGE, f -> f.put("html_url",
                "https://github.com/acme/storefront/blob/a410548e04ec054d4ce326043a91998461fa710e/package-lock.json")))
                .isNotEmpty();
    }

    private static java.util.List<String> problems(String finding, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(finding);
            change.accept(node);
            return FindingsSchema.problems(JSON.writeValueAsString(node));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
