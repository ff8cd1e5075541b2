package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every indicator kind against a file's facts: what hits, and the near misses that must not. */
class IocIndexHitsTest {

    private static final String BUNDLE_SHA = "46faab8ab153fae6e80e7cca38eab363075bb524edd79e42269217a083628f09";

    private static Indicator indicator(String id, Indicator.Kind kind, String value, String severity) {
        return new Indicator(id, kind, value, severity, "", false, "indicators.csv");
    }

    private static FileFacts facts(String sha, List<String> hosts, List<String> workflow, Dependency... deps) {
        return new FileFacts(List.of(deps), sha, hosts, workflow);
    }

    @Test
    void fileNamesMatchTheBaseNameOrTheWholePath() {
        IocIndex index = new IocIndex();
        index.add(indicator("i:2", Indicator.Kind.FILE_NAME, "bundle.js", "high"));
        index.add(indicator("i:3", Indicator.Kind.FILE_NAME, ".github/workflows/shai-hulud-workflow.yml", "critical"));

        assertThat(index.hits("lib/bundle.js", FileFacts.PATH_ONLY))
                .extracting(IocIndexHitsTest::kind, Hit::indicator)
                .containsExactly(tuple("file_name", "bundle.js"));
        assertThat(index.hits("bundle.js", FileFacts.PATH_ONLY)).hasSize(1);
        assertThat(index.hits(".github/workflows/shai-hulud-workflow.yml", FileFacts.PATH_ONLY)).hasSize(1);
        assertThat(index.hits("x/.github/workflows/shai-hulud-workflow.yml", FileFacts.PATH_ONLY)).isEmpty();
        assertThat(index.hits("lib/bundle.js.map", FileFacts.PATH_ONLY)).isEmpty();
        assertThat(index.hits("lib/mybundle.js", FileFacts.PATH_ONLY)).isEmpty();
    }

    @Test
    void hashesMatchExactlyAndTwoEntriesForOneValueMakeOneHit() {
        IocIndex index = new IocIndex();
        index.add(indicator("i:2", Indicator.Kind.FILE_HASH, BUNDLE_SHA.toUpperCase(), "high"));
        index.add(indicator("other:7", Indicator.Kind.FILE_HASH, BUNDLE_SHA, "critical"));

        assertThat(index.hits("a.js", facts(BUNDLE_SHA, List.of(), List.of())))
                .extracting(IocIndexHitsTest::kind, Hit::indicator, Hit::iocIds, IocIndexHitsTest::severity)
                .containsExactly(tuple("file_hash", BUNDLE_SHA, List.of("i:2", "other:7"), "critical"));
        assertThat(index.hits("a.js", facts(BUNDLE_SHA.replace('4', '5'), List.of(), List.of()))).isEmpty();
    }

    @Test
    void domainsMatchThemselvesAndTheirSubdomainsOnly() {
        IocIndex index = new IocIndex();
        index.add(indicator("i:4", Indicator.Kind.DOMAIN, "Webhook.Site", "high"));

        assertThat(index.hits("x.sh", facts(null, List.of("webhook.site"), List.of()))).hasSize(1);
        assertThat(index.hits("x.sh", facts(null, List.of("eu.hooks.webhook.site"), List.of())))
                .extracting(Hit::indicator).containsExactly("webhook.site");
        assertThat(index.hits("x.sh", facts(null, List.of("notwebhook.site", "webhook.site.example.com"),
                List.of()))).isEmpty();
    }

    @Test
    void workflowValuesMatchOnlyInWorkflowFiles() {
        IocIndex index = new IocIndex();
        index.add(indicator("i:5", Indicator.Kind.WORKFLOW, "SHA1HULUD", "critical"));
        FileFacts runner = facts(null, List.of(), List.of("Discussion Create", "SHA1HULUD"));

        assertThat(index.hits(".github/workflows/discussion.yaml", runner)).extracting(IocIndexHitsTest::kind)
                .containsExactly("workflow");
        assertThat(index.hits("ci/discussion.yaml", runner)).isEmpty();
        assertThat(index.hits(".github/workflows/ci.yml", facts(null, List.of(), List.of("sha1hulud")))).isEmpty();
    }

    @Test
    void withdrawnOrRemovedIndicatorsNeverHit() {
        IocIndex index = new IocIndex();
        index.add(new Indicator("i:6", Indicator.Kind.DOMAIN, "litellm.cloud", "high", "", true, "f.csv"));
        index.add(indicator("i:7", Indicator.Kind.DOMAIN, "webhook.site", "high"));
        index.remove(indicator("i:7", Indicator.Kind.DOMAIN, "webhook.site", "high"));

        assertThat(index.hits("x", facts(null, List.of("litellm.cloud", "webhook.site"), List.of()))).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void packagesAndIndicatorsInOneFileAreSeparateHits() {
        IocIndex index = new IocIndex();
        index.add(IocEntry.ofVersions("MAL-2025-46969", "npm", "chalk", java.util.Set.of("5.6.1"), "critical", "osv"));
        index.add(indicator("i:4", Indicator.Kind.DOMAIN, "webhook.site", "high"));

        assertThat(index.hits("package-lock.json", facts(null, List.of("webhook.site"), List.of(),
                new Dependency("npm", "chalk", "5.6.1"), new Dependency("npm", "chalk", "5.6.0"))))
                .extracting(IocIndexHitsTest::kind, Hit::indicator, Hit::dependency)
                .containsExactlyInAnyOrder(tuple("domain", "webhook.site", null),
                        tuple("package", null, new Dependency("npm", "chalk", "5.6.1")));
    }

    @Test
    void aPackageIsLookedUpInTheIndexSpellingAndReportedAsWritten() {
        IocIndex index = new IocIndex();
        // 1.0.0-foo is no Composer version and 1.2.3-a..b no npm one: only an equal string matches them
        index.add(IocEntry.ofVersions("PHP-1", "Packagist", "symfony/http-kernel", java.util.Set.of("5.0.2"),
                "critical", "f.txt"));
        index.add(IocEntry.ofVersions("PHP-2", "Packagist", "acme/odd", java.util.Set.of("1.0.0-foo"), "high",
                "f.txt"));
        index.add(IocEntry.ofVersions("NPM-1", "npm", "odd-pad", java.util.Set.of("1.2.3-a..b"), "high", "f.txt"));
        Dependency tagged = new Dependency("Packagist", "symfony/http-kernel", "v5.0.2");

        Dependency odd = new Dependency("Packagist", "acme/odd", "v1.0.0-foo");
        Dependency oddNpm = new Dependency("npm", "odd-pad", "v1.2.3-a..b");

        assertThat(index.hits("composer.lock", facts(null, List.of(), List.of(), tagged, odd, oddNpm)))
                .extracting(Hit::dependency, Hit::iocIds)
                .containsExactlyInAnyOrder(tuple(tagged, List.of("PHP-1")), tuple(odd, List.of("PHP-2")),
                        tuple(oddNpm, List.of("NPM-1")));
        // the id is keyed on the compared spelling: the ids made before findings kept the v, and one finding for both
        Hit hit = index.hits("composer.lock", facts(null, List.of(), List.of(), tagged)).get(0);
        Hit untagged = Hit.ofPackage(new Dependency("Packagist", "symfony/http-kernel", "5.0.2"), List.of());
        assertThat(hit.findingId("acme/app", "refs/heads/main", "composer.lock"))
                .isEqualTo(untagged.findingId("acme/app", "refs/heads/main", "composer.lock"));
    }

    /** The kind as a finding writes it. */
    private static String kind(Hit hit) {
        return hit.kind().wire();
    }

    /** The severity as a finding writes it. */
    private static String severity(Hit hit) {
        return hit.severity().wire();
    }
}
