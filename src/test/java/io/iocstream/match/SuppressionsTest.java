package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressions as users write them (YAML or JSON, osv-scanner's reason and expiry as the model): what each selector
 * covers, when it expires, which of several wins, and the one-line error each kind of bad entry gives.
 */
class SuppressionsTest {

    static final Finding CHALK = new Finding(1, "0f3c9a5e6d1b2c4a8e7f6d5c4b3a2910", "open", "push", "acme/storefront",
            "refs/heads/main", "a410548e04ec054d4ce326043a91998461fa710e", "web/package-lock.json", "package", "npm",
            "chalk", "5.6.1", null, List.of("MAL-2025-46969"), "critical", "2026-12-06T08:00:00Z", null, null, null, null,
            null, null, List.of(), List.of(), null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void eachSelectorCoversWhatItNamesAndEveryGivenSelectorMustMatch() {
        Instant now = Instant.parse("2026-12-06T08:00:00Z");
        assertThat(suppression("MAL-2025-46969", null, null, null).covers(CHALK, now)).isTrue();
        assertThat(suppression("MAL-2025-46974", null, null, null).covers(CHALK, now)).isFalse();
        assertThat(suppression(null, CHALK.findingId(), null, null).covers(CHALK, now)).isTrue();
        assertThat(suppression(null, null, "acme/*", "**/package-lock.json").covers(CHALK, now)).isTrue();
        assertThat(suppression(null, null, "acme/*", "package-lock.json").covers(CHALK, now))
                .as("a path glob without ** matches from the root").isFalse();
        assertThat(suppression(null, null, "other/*", null).covers(CHALK, now)).isFalse();
        assertThat(suppression("MAL-2025-46969", null, "other/*", null).covers(CHALK, now))
                .as("every selector given must match").isFalse();
    }

    @Test
    void aSuppressionCoversUntilItsExpiryAndADateMeansThatDaysStartInUtc() {
        Suppression s = Suppression.of(new SuppressionEntry("MAL-2025-46969", null, null, null, "vendored copy",
                "2027-01-31"));
        assertThat(s.until()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
        assertThat(s.covers(CHALK, Instant.parse("2027-01-30T23:59:59Z"))).isTrue();
        assertThat(s.covers(CHALK, Instant.parse("2027-01-31T00:00:00Z"))).isFalse();
        assertThat(Suppression.of(new SuppressionEntry("X", null, null, null, "r", "2027-01-31T12:00:00+02:00"))
                .until()).isEqualTo(Instant.parse("2027-01-31T10:00:00Z"));
    }

    @Test
    void ofSeveralThatCoverAFindingTheOneThatLastsLongestWins() {
        Suppressions set = Suppressions.of(List.of(
                new SuppressionEntry("MAL-2025-46969", null, null, null, "short", "2027-01-01"),
                new SuppressionEntry(null, null, "acme/storefront", null, "long", "2027-06-01"),
                new SuppressionEntry(null, null, "acme/other", null, "elsewhere", null)));
        assertThat(set.covering(CHALK, Instant.parse("2026-12-06T00:00:00Z"))).get()
                .extracting(Suppression::reason).isEqualTo("long");
    }

    @Test
    void readsYamlAndJsonFiles() throws Exception {
        Path yaml = dir.resolve("suppressions.yaml");
        Files.writeString(yaml, """
                suppressions:
                  - ioc_id: MAL-2025-46969
                    reason: test fixture, never installed
                    until: 2027-01-31
                  - repo: acme/legacy-*
                    path: "**/package-lock.json"
                    reason: archived repositories
                """);
        assertThat(Suppressions.read(yaml).all()).extracting(Suppression::reason)
                .containsExactly("test fixture, never installed", "archived repositories");
        Path json = dir.resolve("suppressions.json");
        Files.writeString(json, "[{\"finding_id\": \"" + CHALK.findingId() + "\", \"reason\": \"triaged\", "
                + "\"until\": \"2027-01-31T00:00:00Z\"}]");
        assertThat(Suppressions.read(json).covering(CHALK, Instant.parse("2026-12-06T00:00:00Z"))).isPresent();
    }

    @Test
    void aBadEntryIsOneLineThatNamesIt() throws Exception {
        assertThatThrownBy(() -> read("- ioc_id: MAL-1\n"))
                .hasMessageEndingWith("[0].reason: required: say why the finding may be hidden");
        assertThatThrownBy(() -> read("- ioc_id: MAL-1\n  reason: r\n- ioc_id: MAL-2\n  reason: r\n  until: 2027-13-01\n"))
                .hasMessageContaining("[1].until: '2027-13-01' is not a date");
        assertThatThrownBy(() -> read("- path: 'src/{a,b'\n  reason: r\n"))
                .hasMessageContaining("[0].path: 'src/{a,b' is not a glob");
        assertThatThrownBy(() -> read("- reason: r\n"))
                .hasMessageContaining("[0].ioc_id: a suppression needs at least one of");
        assertThatThrownBy(() -> read("- ioc_id: X\n  reason: r\n  ignore: true\n"))
                .hasMessageContaining("[0].ignore: unknown key");
        assertThatThrownBy(() -> read("just text\n")).hasMessageContaining("expected a list of suppressions");
        assertThatThrownBy(() -> Suppressions.read(dir.resolve("missing.yaml"))).hasMessageContaining("cannot read");
        for (String bad : List.of("- ioc_id: MAL-1\n", "- path: '{'\n  reason: r\n")) {
            assertThatThrownBy(() -> read(bad)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    private Suppressions read(String yaml) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return Suppressions.read(file);
    }

    private static Suppression suppression(String iocId, String findingId, String repo, String path) {
        return Suppression.of(new SuppressionEntry(iocId, findingId, repo, path, "because", null));
    }
}
