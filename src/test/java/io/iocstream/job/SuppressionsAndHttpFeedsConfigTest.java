package io.iocstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.feeds.HttpFeedSettings;
import io.iocstream.match.Suppression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job file's {@code suppressions:} section (entries and a file it names) and its fetched feeds
 * ({@code feeds.http}, {@code feeds.osv}): what they read into, and the one error that names the key for each kind
 * of mistake.
 */
class SuppressionsAndHttpFeedsConfigTest {

    private static final String BASE = """
            sources:
              kafka: {bootstrap_servers: "k:9092", topic: pushes, group_id: g}
            github:
              token_env: GH_TOKEN
            sinks:
              files: {path: /out}
            """;

    @TempDir
    Path dir;

    @Test
    void suppressionsComeFromTheSectionAndTheFileItNames() throws Exception {
        Path file = Files.writeString(dir.resolve("suppressions.json"),
                "{\"suppressions\": [{\"finding_id\": \"0f3c9a5e6d1b2c4a8e7f6d5c4b3a2910\", \"reason\": \"triaged\"}]}");
        JobConfig config = read(BASE + """
                feeds: {directory: /feeds}
                suppressions:
                  file: %s
                  entries:
                    - ioc_id: MAL-2025-46969
                      repo: acme/*
                      reason: fixture
                      until: 2027-01-31
                """.formatted(file));
        assertThat(config.suppressions().set().all()).extracting(Suppression::reason, Suppression::until)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fixture", Instant.parse("2027-01-31T00:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("triaged", null));
        assertThat(read(BASE + "feeds: {directory: /feeds}\n").suppressions().set().isEmpty()).isTrue();
    }

    @Test
    void theRecheckIntervalIsReadWithADefaultOfAFewMinutes() throws Exception {
        assertThat(read(BASE + "feeds: {directory: /feeds}\nsuppressions:\n  recheck: 90s\n").suppressions().set()
                .recheck()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(read(BASE + "feeds: {directory: /feeds}\n").suppressions().set().recheck())
                .isEqualTo(java.time.Duration.ofMinutes(5));
        assertRefused("suppressions:\n  recheck: 0s\n", "suppressions.recheck: must be more than 0");
    }

    @Test
    void aBadSuppressionIsAConfigErrorNamingItsKey() throws Exception {
        assertRefused("suppressions:\n  entries:\n    - {ioc_id: X}\n",
                "suppressions.entries[0].reason: required: say why the finding may be hidden");
        assertRefused("suppressions:\n  entries:\n    - {ioc_id: X, reason: r, until: tomorrow}\n",
                "suppressions.entries[0].until: 'tomorrow' is not a date");
        assertRefused("suppressions:\n  entries:\n    - {path: '[a', reason: r}\n",
                "suppressions.entries[0].path: '[a' is not a glob");
        assertRefused("suppressions:\n  entries:\n    - {ioc: X, reason: r}\n",
                "suppressions.entries[0].ioc: unknown key");
        assertRefused("suppressions:\n  file: " + dir.resolve("none.yaml") + "\n",
                "suppressions.file: " + dir.resolve("none.yaml") + ": cannot read");
    }

    @Test
    void fetchedFeedsReadIntoTheHttpSourcesSettings() {
        JobConfig config = read(BASE + """
                feeds:
                  poll_interval: 5min
                  http:
                    - url: https://example.org/lists/shai-hulud.txt
                    - url: https://example.org/iocs?format=csv
                      name: iocs.csv
                  osv:
                    ecosystems: [npm, PyPI]
                """);
        assertThat(config.feeds().configured()).isTrue();
        HttpFeedSettings http = config.feeds().httpSettings();
        assertThat(http.lists()).containsExactly(
                new HttpFeedSettings.HttpList("https://example.org/lists/shai-hulud.txt", "shai-hulud.txt"),
                new HttpFeedSettings.HttpList("https://example.org/iocs?format=csv", "iocs.csv"));
        assertThat(http.osv()).isEqualTo(new HttpFeedSettings.OsvExport(
                "https://osv-vulnerabilities.storage.googleapis.com", List.of("npm", "PyPI")));
        assertThat(http.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(http.feedNames()).containsExactly("shai-hulud.txt", "iocs.csv", "osv/npm", "osv/PyPI");
    }

    @Test
    void aBadFetchedFeedIsAConfigErrorNamingItsKey() {
        assertRefused("feeds:\n  http:\n    - url: ftp://example.org/a.txt\n",
                "feeds.http[0].url: not an http(s) URL");
        assertRefused("feeds:\n  http:\n    - url: https://example.org/list\n",
                "feeds.http[0].name: a file name ending .csv or .txt");
        assertRefused("feeds:\n  http:\n    - url: https://a.org/x.txt\n    - url: https://b.org/x.txt\n",
                "feeds.http[1].name: 'x.txt' is the name of another list");
        assertRefused("feeds:\n  osv: {ecosystems: []}\n", "feeds.osv.ecosystems: name at least one");
        assertRefused("feeds:\n  osv: {ecosystems: [npm], base_url: 'not a url'}\n",
                "feeds.osv.base_url: not an http(s) URL");
        assertRefused("feeds:\n  osv: {ecosystems: [npm], mirror: x}\n", "feeds.osv.mirror: unknown key");
    }

    private void assertRefused(String section, String start) {
        assertThatThrownBy(() -> read(BASE + section)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(start).doesNotContain("\n"));
    }

    private JobConfig read(String yaml) {
        try {
            Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
            return JobConfigReader.read(file, Map.of("GH_TOKEN", "t")::get);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
