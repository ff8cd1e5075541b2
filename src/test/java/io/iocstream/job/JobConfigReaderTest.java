package io.iocstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.fetch.FetchStrategy;
import io.iocstream.ingest.OrgRepositoriesSettings;
import io.iocstream.match.DocumentationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's YAML file into typed settings: the shipped example, defaults, and each kind of error naming its key. */
class JobConfigReaderTest {

    private static final String MINIMAL = """
            sources:
              kafka: {bootstrap_servers: "k:9092", topic: pushes, group_id: g}
            github:
              token_env: GH_TOKEN
            feeds:
              directory: /feeds
            sinks:
              files: {path: /out}
            """;

    @TempDir
    Path dir;

    @Test
    void theShippedExampleReadsWithEverySection() {
        JobConfig config = JobConfigReader.read(Path.of("flink-conf/job.yaml"), Map.of("GITHUB_TOKEN", "t")::get);

        assertThat(config.sources().kafka()).isEqualTo(new JobConfig.KafkaEvents("localhost:9092", "github-pushes",
                "iocstream", JobConfig.StartFrom.COMMITTED));
        assertThat(config.sources().orgEvents()).containsExactly(new JobConfig.OrgEvents("acme",
                Duration.ofSeconds(60)));
        OrgRepositoriesSettings listing = config.orgListingSettings();
        assertThat(listing.orgs()).containsExactly("acme");
        assertThat(listing.relistInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(config.github()).isEqualTo(new JobConfig.GitHub("https://api.github.com", "GITHUB_TOKEN", null,
                0.8));
        assertThat(config.feeds().kafka()).isEqualTo(new JobConfig.FeedTopic("localhost:9092", "iocstream-feeds"));
        assertThat(config.sinks().kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.sinks().files().path()).isEqualTo("/var/lib/iocstream/findings");
        assertThat(config.fetchSettings().strategy()).isEqualTo(FetchStrategy.ADAPTIVE);
        assertThat(config.fetchSettings().tokenEnvVar()).isEqualTo("GITHUB_TOKEN");
        assertThat(config.throttleSettings().critical()).isEqualTo(0.9);
    }

    @Test
    void theShippedOneMachineExampleReads() {
        JobConfig config = JobConfigReader.read(Path.of("flink-conf/job-local.yaml"),
                Map.of("IOCSTREAM_SIM_TOKEN", "unused")::get);

        assertThat(config.sources().orgEvents()).extracting(JobConfig.OrgEvents::org).containsExactly("acme");
        assertThat(Path.of(config.feeds().directory())).isDirectory();
        assertThat(config.sinks().files().path()).isEqualTo("/tmp/iocstream-findings");
    }

    @Test
    void leftOutKeysTakeTheirDefaults() throws Exception {
        JobConfig config = read(MINIMAL);

        assertThat(config.sources().kafka().startFrom()).isEqualTo(JobConfig.StartFrom.COMMITTED);
        assertThat(config.github().apiBaseUrl()).isEqualTo("https://api.github.com");
        assertThat(config.feeds().pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.feeds().allowNone()).isFalse();
        assertThat(config.sinks().kafka()).isNull();
        assertThat(config.fetch().maxBytesInFlight()).isEqualTo(JobConfig.Fetch.DEFAULT_MAX_BYTES_IN_FLIGHT);
        assertThat(config.throttleSettings().enabled()).isTrue();
    }

    @Test
    void documentationMentionsCountAtLowSeverityUnlessConfiguredOtherwise() throws Exception {
        assertThat(read(MINIMAL).matching().documentationPolicy()).isEqualTo(DocumentationPolicy.LOW);
        assertThat(read(MINIMAL + "matching:\n  documentation: ignore\n").matching().documentationPolicy())
                .isEqualTo(DocumentationPolicy.IGNORE);
        assertError(MINIMAL + "matching:\n  documentation: sometimes\n", "matching.documentation",
                "ignore, low or same");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPath() {
        assertError(MINIMAL.replace("topic: pushes", "topic: pushes, topik: x"), "sources.kafka.topik",
                "unknown key");
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        assertError(MINIMAL.replace("topic: pushes, ", ""), "sources.kafka.topic", "required");
        assertError(MINIMAL.replace("sinks:\n  files: {path: /out}\n", ""), "sinks", "required");
        assertError(MINIMAL.replace("{path: /out}", "{}"), "sinks.files.path", "required");
    }

    @Test
    void badValuesAreNamed() {
        assertError(MINIMAL.replace("group_id: g", "group_id: g, start_from: latest"), "sources.kafka.start_from",
                "'latest' is not one of committed, earliest");
        assertError(MINIMAL.replace("directory: /feeds", "directory: /feeds\n  poll_interval: 60"),
                "feeds.poll_interval", "a duration with its unit");
        assertError(MINIMAL.replace("directory: /feeds", "directory: /feeds\n  poll_interval: soon"),
                "feeds.poll_interval", "'soon' is not a duration");
        assertError(MINIMAL + "org_listing: x\n", "org_listing", "unknown key");
        assertError(MINIMAL.replace("token_env: GH_TOKEN", "token_env: ghp_abc-123"), "github.token_env",
                "the name of an environment variable");
        assertError(MINIMAL + "throttle: {warning: 0.95}\n", "throttle.warning", "warning < critical");
        assertError(MINIMAL.replace("sources:\n", "sources:\n  org_events: [{org: a/b}]\n"),
                "sources.org_events[0].org", "an organisation login");
    }

    @Test
    void findingsLinkToTheApisWebSiteUnlessTheFileNamesOne() throws Exception {
        assertThat(read(MINIMAL).github().webLinks().webBaseUrl()).isEqualTo("https://github.com");
        assertThat(read(MINIMAL.replace("token_env: GH_TOKEN",
                "token_env: GH_TOKEN\n  api_base_url: https://ghe.example.com/api/v3")).github().webBaseUrl())
                .isEqualTo("https://ghe.example.com");
        assertThat(read(MINIMAL.replace("token_env: GH_TOKEN",
                "token_env: GH_TOKEN\n  web_base_url: https://code.example.com/")).github().webBaseUrl())
                .isEqualTo("https://code.example.com");
        assertError(MINIMAL.replace("token_env: GH_TOKEN", "token_env: GH_TOKEN\n  web_base_url: github.com"),
                "github.web_base_url", "not an http(s) URL");
    }

    @Test
    void aGitHubAppIsWhatTheFetchStageReadsAs() throws Exception {
        JobConfig config = read(MINIMAL.replace("token_env: GH_TOKEN",
                "app: {app_id: Iv1.abc, private_key_file: /secrets/app.pem, installation_id: 42}\n  rate_limit_share: 0.5"));

        assertThat(config.fetchSettings().app())
                .isEqualTo(new io.iocstream.github.GitHubCredentials.App("Iv1.abc", "/secrets/app.pem", 42));
        assertThat(config.fetchSettings().rateLimitShare()).isEqualTo(0.5);
        assertThat(config.fetchSettings().tokenEnvVar()).isNull();
    }

    @Test
    void theAppsSettingsAreChecked() {
        String app = "app: {app_id: Iv1.abc, private_key_file: /k.pem, installation_id: 42}";
        assertError(MINIMAL.replace("token_env: GH_TOKEN", app.replace("42", "0")), "github.app.installation_id",
                "must be a positive number");
        assertError(MINIMAL.replace("token_env: GH_TOKEN", app.replace("private_key_file: /k.pem, ", "")),
                "github.app.private_key_file", "required");
        assertError(MINIMAL.replace("token_env: GH_TOKEN", "token_env: GH_TOKEN\n  rate_limit_share: 1.5"),
                "github.rate_limit_share",
                "must be in (0, 1]");
        assertError(MINIMAL.replace("token_env: GH_TOKEN", "api_base_url: https://ghe.example/api/v3"),
                "github.token_env", "required (or app");
    }

    @Test
    void withAnAppAloneTheOrgPollersAndTheListingReadAsTheApp() throws Exception {
        JobConfig config = read(MINIMAL.replace("token_env: GH_TOKEN",
                "app: {app_id: Iv1.abc, private_key_file: /k.pem, installation_id: 42}")
                .replace("sources:\n", "sources:\n  org_events: [{org: acme}]\n  org_listing: {installation: true}\n"));

        var app = new io.iocstream.github.GitHubCredentials.App("Iv1.abc", "/k.pem", 42);
        assertThat(config.orgEventsSettings(config.sources().orgEvents().get(0)).app()).isEqualTo(app);
        assertThat(config.orgListingSettings().app()).isEqualTo(app);
        assertThat(config.orgListingSettings().installation()).isTrue();
    }

    @Test
    void aSectionThatHoldsNothingUsableIsNamedOnce() {
        assertError("sources: {}\ngithub: {token_env: GH_TOKEN}\nsinks:\n  files: {path: /out}\n", "sources",
                "at least one of kafka, org_events, org_listing");
        assertError(MINIMAL.replace("sinks:\n  files: {path: /out}\n", "sinks: {}\n"), "sinks",
                "at least one of kafka, files");
    }

    @Test
    void commitStatusesAreConfiguredWithinGitHubsLimits() throws Exception {
        JobConfig config = read(MINIMAL.replace("files: {path: /out}",
                "files: {path: /out}\n  commit_statuses: {context: sec/iocstream, per_minute: 20, per_hour: 200}"));
        io.iocstream.statuses.StatusSettings marks = config.statusSettings();
        assertThat(marks.mode()).isEqualTo(io.iocstream.statuses.StatusMode.STATUS);
        assertThat(marks.context()).isEqualTo("sec/iocstream");
        assertThat(marks.apiBaseUrl()).isEqualTo("https://api.github.com");
        assertThat(marks.tokenEnvVar()).isEqualTo("GH_TOKEN");
        assertThat(marks.limits()).containsExactly(
                new io.iocstream.statuses.ContentLimit(20, java.time.Duration.ofMinutes(1)),
                new io.iocstream.statuses.ContentLimit(200, java.time.Duration.ofHours(1)));
        assertThat(read(MINIMAL).statusSettings()).isNull();
        assertThat(read(MINIMAL.replace("files: {path: /out}", "files: {path: /out}\n  commit_statuses: {}"))
                .statusSettings().limits()).isEqualTo(io.iocstream.statuses.StatusSettings.GITHUB_LIMITS);

        assertError(MINIMAL.replace("files: {path: /out}", "files: {path: /out}\n  commit_statuses: {per_minute: 81}"),
                "sinks.commit_statuses.per_minute", "between 1 and GitHub's 80");
        assertError(MINIMAL.replace("files: {path: /out}", "files: {path: /out}\n  commit_statuses: {per_hour: 0}"),
                "sinks.commit_statuses.per_hour", "between 1 and GitHub's 500");
        assertError(MINIMAL.replace("files: {path: /out}",
                "files: {path: /out}\n  commit_statuses: {mode: check_run}"), "sinks.commit_statuses.mode",
                "needs github.app");
        assertError(MINIMAL.replace("files: {path: /out}",
                "files: {path: /out}\n  commit_statuses: {target_url: 'javascript:x'}"),
                "sinks.commit_statuses.target_url", "an http(s) URL");
    }

    @Test
    void aKeyGivenTwiceIsNamed() {
        assertError(MINIMAL.replace("directory: /feeds", "directory: /feeds\n  directory: /other"),
                "feeds.directory", "given twice");
    }

    @Test
    void aTokenVariableThatIsNotSetIsAnError() throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, MINIMAL, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JobConfigReader.read(file, Map.<String, String>of()::get))
                .isInstanceOf(ConfigException.class)
                .hasMessage("github.token_env: environment variable GH_TOKEN is not set");
    }

    @Test
    void theExampleNamesEveryKeyTheRecordsKnow() throws Exception {
        // every key of docs/configuration.md's reference appears in the example, so the example stays complete
        String example = Files.readString(Path.of("flink-conf/job.yaml"));
        for (String key : List.of("bootstrap_servers", "topic", "group_id", "start_from", "org_events", "org",
                "poll_interval", "org_listing", "orgs", "relist_interval", "repos_per_minute", "baseline_share",
                "api_base_url", "token_env", "rate_limit_share", "web_base_url", "app", "app_id", "private_key_file", "installation_id",
                "directory", "allow_none", "findings_topic", "dead_letters_topic",
                "transactional_id_prefix", "transaction_timeout", "files", "path", "strategy", "max_file_bytes",
                "max_bytes_in_flight", "stream_above_bytes", "enabled", "warning", "critical", "scans_topic", "commit_statuses", "mode",
                "context", "target_url", "per_minute", "per_hour", "documentation", "http", "url", "name", "osv",
                "base_url", "ecosystems", "suppressions", "file", "entries", "ioc_id", "finding_id", "repo", "reason",
                "until")) {
            assertThat(example).as(key).contains(key + ":");
        }
    }

    private JobConfig read(String yaml) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return JobConfigReader.read(file, Map.of("GH_TOKEN", "t")::get);
    }

    private void assertError(String yaml, String key, String problem) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    assertThat(((ConfigException) e).key()).isEqualTo(key);
                    assertThat(((ConfigException) e).problem()).contains(problem);
                });
    }
}
