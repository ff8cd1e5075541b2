package io.iocstream.job;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.iocstream.alerts.AlertReceiver;
import io.iocstream.alerts.AlertRoute;
import io.iocstream.alerts.AlertSettings;
import io.iocstream.alerts.AlertWriter;
import io.iocstream.alerts.DeliveryRetry;
import io.iocstream.alerts.ReceiverType;
import io.iocstream.changes.BranchLifetimes;
import io.iocstream.changes.Trigger;
import io.iocstream.feeds.HttpFeedSettings;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.feeds.Severity;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubCredentials;
import io.iocstream.github.WebLinks;
import io.iocstream.ingest.OrgEventsSettings;
import io.iocstream.ingest.OrgRepositoriesSettings;
import io.iocstream.match.DocumentationPolicy;
import io.iocstream.match.SuppressionEntry;
import io.iocstream.match.SuppressionException;
import io.iocstream.match.Suppressions;
import io.iocstream.statuses.ContentLimit;
import io.iocstream.statuses.StatusMode;
import io.iocstream.statuses.StatusSettings;
import io.iocstream.throttle.ThrottleSettings;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * The production job's configuration: one YAML file ({@code job --config FILE}, docs/configuration.md), read by
 * {@link JobConfigReader} into these records, one a section, keys in snake_case. Each record fills in its defaults
 * and names the key of any value it refuses ({@link ConfigException}). Secrets are never values here: the GitHub
 * token is the name of an environment variable, read where it is used.
 */
public record JobConfig(Sources sources, GitHub github, Feeds feeds, Sinks sinks, Fetch fetch, Throttle throttle,
        State state, Matching matching, SuppressionsSection suppressions) {

    public JobConfig {
        required(sources, "sources");
        required(github, "github");
        feeds = orDefault(feeds, () -> new Feeds(null, null, null, null, null, null));
        required(sinks, "sinks");
        if (sinks.commitStatuses() != null && sinks.commitStatuses().enabled()
                && sinks.commitStatuses().mode() == StatusMode.CHECK_RUN && github.app() == null) {
            throw new ConfigException("sinks.commit_statuses.mode", "check_run needs github.app: only a GitHub App "
                    + "may create check runs");
        }
        fetch = orDefault(fetch, () -> new Fetch(null, null, null, null));
        throttle = orDefault(throttle, () -> new Throttle(null, null, null));
        state = orDefault(state, () -> new State(null, null));
        matching = orDefault(matching, () -> new Matching(null));
        suppressions = orDefault(suppressions, () -> new SuppressionsSection(null, null, null));
    }

    /**
     * How findings are judged: {@code documentation} says how a domain or IP address named in documentation
     * (README, {@code *.md}, {@code docs/}) counts, {@code ignore}, {@code low} (the default) or {@code same}.
     */
    public record Matching(String documentation) {
        public Matching {
            documentation = orDefault(documentation, () -> DocumentationPolicy.LOW.word());
            if (DocumentationPolicy.ofWord(documentation) == null) {
                throw new ConfigException("documentation", "must be ignore, low or same, not '" + documentation + "'");
            }
        }

        /** The policy the key names. */
        public DocumentationPolicy documentationPolicy() {
            return DocumentationPolicy.ofWord(documentation);
        }
    }

    /** Where push events come from: any of a Kafka topic, org event pollers and the org repository listing. */
    public record Sources(KafkaEvents kafka, List<OrgEvents> orgEvents, OrgListing orgListing) {
        public Sources {
            orgEvents = orgEvents == null ? List.of() : List.copyOf(orgEvents);
            if (kafka == null && orgEvents.isEmpty() && orgListing == null) {
                throw ConfigException.section("at least one of kafka, org_events, org_listing is required");
            }
        }
    }

    /** A Kafka topic of webhook push bodies, one a record. */
    public record KafkaEvents(String bootstrapServers, String topic, String groupId, StartFrom startFrom)
           {
        public KafkaEvents {
            required(bootstrapServers, "bootstrap_servers");
            required(topic, "topic");
            required(groupId, "group_id");
            startFrom = orDefault(startFrom, () -> StartFrom.COMMITTED);
        }
    }

    /** Where a job without state starts reading the events topic. */
    public enum StartFrom {
        /** The group's committed offsets, or the earliest where it has none. */
        COMMITTED,
        /** The earliest offsets, whatever the group committed. */
        EARLIEST
    }

    /** One organisation's Events API poller. */
    public record OrgEvents(String org, @JsonDeserialize(using = DurationValue.class) Duration pollInterval)
           {
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

        public OrgEvents {
            required(org, "org");
            if (org.isBlank() || org.contains("/")) {
                throw new ConfigException("org", "an organisation login, not '" + org + "'");
            }
            pollInterval = positive(orDefault(pollInterval, () -> DEFAULT_POLL_INTERVAL), "poll_interval");
        }
    }

    /** The repository listing that baselines every repository of the organisations (or the App installation). */
    public record OrgListing(List<String> orgs, Boolean installation,
            @JsonDeserialize(using = DurationValue.class) Duration relistInterval, Integer reposPerMinute,
            Double baselineShare, Integer pageSize) {
        public OrgListing {
            orgs = orgs == null ? List.of() : List.copyOf(orgs);
            installation = orDefault(installation, () -> false);
            if (installation == !orgs.isEmpty()) {
                throw new ConfigException("orgs",
                        installation ? "must be empty with installation: true" : "required (or installation: true)");
            }
            for (String org : orgs) {
                if (org == null || org.isBlank() || org.contains("/")) {
                    throw new ConfigException("orgs", "organisation logins, not '" + org + "'");
                }
            }
            relistInterval = positive(orDefault(relistInterval, () -> OrgRepositoriesSettings.DEFAULT_RELIST_INTERVAL),
                    "relist_interval");
            reposPerMinute = orDefault(reposPerMinute, () -> OrgRepositoriesSettings.DEFAULT_REPOS_PER_MINUTE);
            if (reposPerMinute < 1) {
                throw new ConfigException("repos_per_minute", "must be at least 1, got " + reposPerMinute);
            }
            baselineShare = orDefault(baselineShare, () -> OrgRepositoriesSettings.DEFAULT_BASELINE_SHARE);
            if (!(baselineShare > 0 && baselineShare <= 1)) {
                throw new ConfigException("baseline_share", "must be in (0, 1], got " + baselineShare);
            }
            pageSize = orDefault(pageSize, () -> GitHubClient.REPOSITORIES_PER_PAGE);
            if (pageSize < 1 || pageSize > GitHubClient.REPOSITORIES_PER_PAGE) {
                throw new ConfigException("page_size", "must be between 1 and " + GitHubClient.REPOSITORIES_PER_PAGE
                        + ", got " + pageSize);
            }
        }
    }

    /**
     * The GitHub API and as whom the job reads it: the token in the environment variable {@code token_env}, or a
     * GitHub App installation ({@code app}, preferred by organisations); at most {@code rate_limit_share} of each
     * rate-limit window is spent. {@code web_base_url} is the web site findings link to ({@code html_url}); by
     * default that of the API (github.com, or a GitHub Enterprise Server's host); it is never contacted.
     */
    public record GitHub(String apiBaseUrl, String tokenEnv, App app, Double rateLimitShare, String webBaseUrl) {
        public static final String DEFAULT_API_BASE_URL = "https://api.github.com";

        public GitHub {
            apiBaseUrl = orDefault(apiBaseUrl, () -> DEFAULT_API_BASE_URL);
            try {
                GitHubClientConfig.forBaseUrl(apiBaseUrl, null);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("api_base_url", "not an http(s) URL: '" + apiBaseUrl + "'");
            }
            if (tokenEnv == null && app == null) {
                throw new ConfigException("token_env", "required (or app, a GitHub App)");
            }
            if (tokenEnv != null && !tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException("token_env", "the name of an environment variable (the token itself "
                        + "never goes in the file), not a value like that");
            }
            rateLimitShare = orDefault(rateLimitShare, () -> GitHubClientConfig.DEFAULT_RATE_LIMIT_SHARE);
            if (!(rateLimitShare > 0 && rateLimitShare <= 1)) {
                throw new ConfigException("rate_limit_share", "must be in (0, 1], got " + rateLimitShare);
            }
            String api = apiBaseUrl;
            webBaseUrl = orDefault(webBaseUrl, () -> WebLinks.forApi(api).webBaseUrl());
            try {
                webBaseUrl = new WebLinks(webBaseUrl).webBaseUrl();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("web_base_url", "not an http(s) URL of a web site: '" + webBaseUrl + "'");
            }
        }

        /** Without {@code web_base_url}: the API's own web site. */
        public GitHub(String apiBaseUrl, String tokenEnv, App app, Double rateLimitShare) {
            this(apiBaseUrl, tokenEnv, app, rateLimitShare, null);
        }

        /** The links findings carry to files on the web site. */
        public WebLinks webLinks() {
            return new WebLinks(webBaseUrl);
        }
    }

    /**
     * A GitHub App installation the fetch stage reads as (docs/configuration.md, GitHub access): the private key is a
     * file, typically a mounted Secret, read on the task managers.
     */
    public record App(String appId, String privateKeyFile, Long installationId) {
        public App {
            required(appId, "app_id");
            if (!appId.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException("app_id", "an App's client id (Iv1.…) or number");
            }
            required(privateKeyFile, "private_key_file");
            required(installationId, "installation_id");
            if (installationId <= 0) {
                throw new ConfigException("installation_id", "must be a positive number, got " + installationId);
            }
        }

        GitHubCredentials.App credentials() {
            return new GitHubCredentials.App(appId, privateKeyFile, installationId);
        }
    }

    /**
     * The IOC feeds: a live feed directory, a compacted Kafka topic of feed files, CSV and TXT lists over HTTP and
     * OSV's export, any of them.
     */
    public record Feeds(String directory, @JsonDeserialize(using = DurationValue.class) Duration pollInterval,
            FeedTopic kafka, Boolean allowNone, List<HttpFeed> http, OsvFeed osv) {
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

        public Feeds {
            pollInterval = positive(orDefault(pollInterval, () -> DEFAULT_POLL_INTERVAL), "poll_interval");
            allowNone = orDefault(allowNone, () -> false);
            http = http == null ? List.of() : List.copyOf(http);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < http.size(); i++) {
                if (http.get(i) == null || !names.add(http.get(i).name())) {
                    throw new ConfigException("http[" + i + "].name", http.get(i) == null ? "an empty entry"
                            : "'" + http.get(i).name() + "' is the name of another list");
                }
            }
        }

        /** Whether any feed is configured. */
        public boolean configured() {
            return directory != null || kafka != null || !http.isEmpty() || osv != null;
        }

        /** The HTTP feed source's settings, or null when no list and no OSV export is configured. */
        public HttpFeedSettings httpSettings() {
            if (http.isEmpty() && osv == null) {
                return null;
            }
            return new HttpFeedSettings(http.stream().map(list -> new HttpFeedSettings.HttpList(list.url(),
                    list.name())).toList(), osv == null ? null : new HttpFeedSettings.OsvExport(osv.baseUrl(),
                    osv.ecosystems()), pollInterval);
        }
    }

    /** A CSV or TXT list at a URL, read again when its ETag changes; {@code name} is the feed file it stands for. */
    public record HttpFeed(String url, String name) {
        public HttpFeed {
            required(url, "url");
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed == null) {
                throw new ConfigException("url", "not an http(s) URL: '" + url + "'");
            }
            name = orDefault(name, () -> parsed.pathSegments().get(parsed.pathSize() - 1));
            String lower = name.toLowerCase(Locale.ROOT);
            if (!(lower.endsWith(".csv") || lower.endsWith(".txt")) || name.contains("/")) {
                throw new ConfigException("name", "a file name ending .csv or .txt (it says the list's format), "
                        + "got '" + name + "'");
            }
        }
    }

    /** OSV's export of some ecosystems under one base URL, the only place it is asked. */
    public record OsvFeed(String baseUrl, List<String> ecosystems) {
        public OsvFeed {
            baseUrl = orDefault(baseUrl, () -> HttpFeedSettings.OsvExport.DEFAULT_BASE_URL);
            if (HttpUrl.parse(baseUrl) == null) {
                throw new ConfigException("base_url", "not an http(s) URL: '" + baseUrl + "'");
            }
            required(ecosystems, "ecosystems");
            if (ecosystems.isEmpty()) {
                throw new ConfigException("ecosystems", "name at least one OSV ecosystem (npm, PyPI, ...)");
            }
            for (String ecosystem : ecosystems) {
                if (ecosystem == null || ecosystem.isBlank() || ecosystem.contains("/")) {
                    throw new ConfigException("ecosystems", "OSV ecosystem names as the export's folders spell them "
                            + "(npm, PyPI, crates.io), not '" + ecosystem + "'");
                }
            }
            ecosystems = List.copyOf(ecosystems);
        }
    }

    /**
     * Suppressions: entries written here, a file of them ({@code file}, YAML or JSON, read when the job starts), or
     * both; each checked, so a bad one is a configuration error. {@code recheck}: how often a held finding is judged
     * again, so that a suppression removed or shortened at a restart takes effect within it. See
     * docs/suppressions.md.
     */
    public record SuppressionsSection(String file, List<SuppressionEntry> entries,
            @JsonDeserialize(using = DurationValue.class) Duration recheck) {
        public SuppressionsSection {
            entries = entries == null ? List.of() : List.copyOf(entries);
            recheck = positive(orDefault(recheck, () -> Suppressions.DEFAULT_RECHECK), "recheck");
            set(file, entries);
        }

        /** The suppressions to apply: the entries and the file's, checked, with the re-check interval. */
        public Suppressions set() {
            return set(file, entries).withRecheck(recheck);
        }

        private static Suppressions set(String file, List<SuppressionEntry> entries) {
            Suppressions written;
            try {
                written = Suppressions.of(entries);
            } catch (SuppressionException e) {
                throw new ConfigException("entries" + e.key(), e.problem());
            }
            if (file == null) {
                return written;
            }
            try {
                return written.plus(Suppressions.read(Path.of(file)));
            } catch (SuppressionException e) {
                throw new ConfigException("file", e.getMessage());
            }
        }
    }

    /** A compacted topic of feed files: key the file name, value its bytes, a null value deletes it. */
    public record FeedTopic(String bootstrapServers, String topic) {
        public FeedTopic {
            required(bootstrapServers, "bootstrap_servers");
            required(topic, "topic");
        }
    }

    /** Where findings and dead letters go: a Kafka topic each, day folders of files, or both. */
    public record Sinks(KafkaSinks kafka, FileSinks files, Alerts alerts, CommitStatuses commitStatuses) {
        public Sinks {
            if (kafka == null && files == null) {
                throw ConfigException.section("at least one of kafka, files is required");
            }
        }
    }

    /** Findings and dead letters to Kafka, exactly once. */
    public record KafkaSinks(String bootstrapServers, String findingsTopic, String deadLettersTopic,
            String transactionalIdPrefix,
            @JsonDeserialize(using = DurationValue.class) Duration transactionTimeout, String scansTopic) {
        /** A stock Kafka broker allows transactions of at most 15 minutes (transaction.max.timeout.ms). */
        public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

        public KafkaSinks {
            required(bootstrapServers, "bootstrap_servers");
            required(findingsTopic, "findings_topic");
            required(deadLettersTopic, "dead_letters_topic");
            required(transactionalIdPrefix, "transactional_id_prefix");
            transactionTimeout = positive(orDefault(transactionTimeout, () -> DEFAULT_TRANSACTION_TIMEOUT),
                    "transaction_timeout");
        }
    }

    /** Findings as JSON Lines in one folder a day under {@code path}, dead letters under {@code path/dead-letters}. */
    public record FileSinks(String path) {
        public FileSinks {
            required(path, "path");
        }
    }

    /**
     * A mark on each scanned head commit: a commit status, or a check run ({@code mode: check_run}, which needs
     * {@code github.app}); at most {@code per_minute} and {@code per_hour} of them, GitHub's content-creation limits.
     */
    public record CommitStatuses(Boolean enabled, StatusMode mode, String context, String targetUrl,
            Integer perMinute, Integer perHour) {
        public CommitStatuses {
            enabled = orDefault(enabled, () -> true);
            mode = orDefault(mode, () -> StatusMode.STATUS);
            context = orDefault(context, () -> StatusSettings.DEFAULT_CONTEXT);
            if (context.isBlank() || context.length() > 255) {
                throw new ConfigException("context", "a name of 1 to 255 characters, got '" + context + "'");
            }
            if (targetUrl != null && !targetUrl.matches("https?://\\S+")) {
                throw new ConfigException("target_url", "an http(s) URL, got '" + targetUrl + "'");
            }
            perMinute = orDefault(perMinute, () -> StatusSettings.GITHUB_LIMITS.get(0).requests());
            perHour = orDefault(perHour, () -> StatusSettings.GITHUB_LIMITS.get(1).requests());
            if (perMinute < 1 || perMinute > StatusSettings.GITHUB_LIMITS.get(0).requests()) {
                throw new ConfigException("per_minute", "must be between 1 and GitHub's "
                        + StatusSettings.GITHUB_LIMITS.get(0).requests() + ", got " + perMinute);
            }
            if (perHour < 1 || perHour > StatusSettings.GITHUB_LIMITS.get(1).requests()) {
                throw new ConfigException("per_hour", "must be between 1 and GitHub's "
                        + StatusSettings.GITHUB_LIMITS.get(1).requests() + ", got " + perHour);
            }
        }
    }

    /**
     * Alerts (docs/alerts.md): receivers (PagerDuty, Opsgenie, Slack, a generic webhook) and the routes that send
     * findings to them; secrets by environment variable or mounted file, never values.
     */
    public record Alerts(List<AlertReceiverConfig> receivers, List<AlertRouteConfig> routes, String webBaseUrl,
            @JsonDeserialize(using = DurationValue.class) Duration retroHuntWindow, Integer maxAttempts,
            @JsonDeserialize(using = DurationValue.class) Duration initialBackoff,
            @JsonDeserialize(using = DurationValue.class) Duration maxBackoff,
            @JsonDeserialize(using = DurationValue.class) Duration requestTimeout, Integer maxInFlight) {
        public Alerts {
            receivers = receivers == null ? List.of() : List.copyOf(receivers);
            routes = routes == null ? List.of() : List.copyOf(routes);
            Set<String> names = new HashSet<>();
            for (AlertReceiverConfig receiver : receivers) {
                if (!names.add(receiver.name())) {
                    throw new ConfigException("receivers", "two receivers named " + receiver.name());
                }
            }
            Set<String> routeNames = new HashSet<>();
            for (int i = 0; i < routes.size(); i++) {
                AlertRouteConfig route = routes.get(i);
                if (!routeNames.add(route.name())) {
                    throw new ConfigException("routes[" + i + "].name", "two routes named " + route.name());
                }
                if (!names.contains(route.receiver())) {
                    throw new ConfigException("routes[" + i + "].receiver", "no receiver named " + route.receiver()
                            + " (receivers: " + String.join(", ", names.stream().sorted().toList()) + ")");
                }
            }
            webBaseUrl = orDefault(webBaseUrl, () -> AlertSettings.DEFAULT_WEB_BASE_URL);
            if (!webBaseUrl.matches("https?://[^\\s]+")) {
                throw new ConfigException("web_base_url", "not an http(s) URL: '" + webBaseUrl + "'");
            }
            retroHuntWindow = positive(orDefault(retroHuntWindow, () -> AlertSettings.DEFAULT_RETRO_HUNT_WINDOW),
                    "retro_hunt_window");
            DeliveryRetry defaults = DeliveryRetry.DEFAULTS;
            maxAttempts = orDefault(maxAttempts, defaults::maxAttempts);
            if (maxAttempts < 1) {
                throw new ConfigException("max_attempts", "must be at least 1, got " + maxAttempts);
            }
            initialBackoff = positive(orDefault(initialBackoff, defaults::initialBackoff), "initial_backoff");
            maxBackoff = positive(orDefault(maxBackoff, defaults::maxBackoff), "max_backoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new ConfigException("max_backoff", "must be at least initial_backoff (" + initialBackoff + ")");
            }
            requestTimeout = positive(orDefault(requestTimeout, defaults::requestTimeout), "request_timeout");
            maxInFlight = orDefault(maxInFlight, () -> AlertSettings.DEFAULT_MAX_IN_FLIGHT);
            if (maxInFlight < 1 || maxInFlight > 256) {
                throw new ConfigException("max_in_flight", "must be between 1 and 256, got " + maxInFlight);
            }
        }

        /** The settings the alerting operators run with. */
        public AlertSettings settings() {
            return new AlertSettings(routes.stream().map(AlertRouteConfig::route).toList(),
                    receivers.stream().map(AlertReceiverConfig::receiver).toList(), webBaseUrl, retroHuntWindow,
                    new DeliveryRetry(maxAttempts, initialBackoff, maxBackoff, requestTimeout), maxInFlight);
        }
    }

    /**
     * One alert receiver. Its secret (PagerDuty's routing key, Opsgenie's API key, Slack's webhook URL, a webhook's
     * bearer token) is named by {@code secret_env} or {@code secret_file}, never given.
     */
    public record AlertReceiverConfig(String name, ReceiverType type, String url, String secretEnv,
            String secretFile) {
        public AlertReceiverConfig {
            required(name, "name");
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ConfigException("name", "letters, digits, '_', '.' and '-' only, not '" + name + "'");
            }
            required(type, "type");
            if (secretEnv != null && secretFile != null) {
                throw new ConfigException("secret_file", "give secret_env or secret_file, not both");
            }
            if (secretEnv != null && !secretEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException("secret_env", "the name of an environment variable (the secret itself "
                        + "never goes in the file), not a value like that");
            }
            if (type != ReceiverType.WEBHOOK && secretEnv == null && secretFile == null) {
                throw new ConfigException("secret_env", "required (or secret_file): the " + switch (type) {
                    case PAGERDUTY -> "routing key";
                    case OPSGENIE -> "API key";
                    default -> "webhook URL";
                });
            }
            if (type == ReceiverType.SLACK && url != null) {
                throw new ConfigException("url", "a Slack webhook's URL is its secret: give it by secret_env or "
                        + "secret_file");
            }
            if (type == ReceiverType.WEBHOOK && url == null) {
                throw ConfigException.required("url");
            }
            if (url != null) {
                try {
                    AlertWriter.requireSafeUrl(receiver(name, type, url), url);
                } catch (IllegalStateException e) {
                    throw new ConfigException("url", "must be an https URL (plain http only to 127.0.0.1), not '"
                            + url + "'");
                }
            }
        }

        private static AlertReceiver receiver(String name, ReceiverType type, String url) {
            return new AlertReceiver(name, type, url, null, null);
        }

        AlertReceiver receiver() {
            return new AlertReceiver(name, type, url, secretEnv, secretFile);
        }
    }

    /** One alert route: which findings (severity, trigger, repositories) go to which receiver, how many at most. */
    public record AlertRouteConfig(String name, String receiver, Severity minSeverity, List<Trigger> triggers,
            List<String> repos, Integer maxAlerts, @JsonDeserialize(using = DurationValue.class) Duration rateWindow) {
        public static final List<Trigger> DEFAULT_TRIGGERS = List.of(Trigger.PUSH, Trigger.RETRO_HUNT);

        public AlertRouteConfig {
            required(name, "name");
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ConfigException("name", "letters, digits, '_', '.' and '-' only, not '" + name + "'");
            }
            required(receiver, "receiver");
            minSeverity = orDefault(minSeverity, () -> Severity.LOW);
            triggers = triggers == null ? DEFAULT_TRIGGERS : List.copyOf(triggers);
            if (triggers.isEmpty()) {
                throw new ConfigException("triggers", "at least one of push, baseline, retro_hunt");
            }
            repos = repos == null ? List.of("*/*") : List.copyOf(repos);
            for (String glob : repos) {
                try {
                    FileSystems.getDefault().getPathMatcher("glob:" + glob);
                } catch (RuntimeException e) {
                    throw new ConfigException("repos", "not a glob: '" + glob + "'");
                }
            }
            maxAlerts = orDefault(maxAlerts, () -> 20);
            if (maxAlerts < 1) {
                throw new ConfigException("max_alerts", "must be at least 1, got " + maxAlerts);
            }
            rateWindow = positive(orDefault(rateWindow, () -> Duration.ofHours(1)), "rate_window");
        }

        AlertRoute route() {
            return new AlertRoute(name, receiver, minSeverity, triggers.stream().map(Trigger::wire)
                    .collect(Collectors.toSet()), repos, maxAlerts, rateWindow);
        }
    }

    /** How files are fetched; see FetchSettings. */
    public record Fetch(FetchStrategy strategy, Long maxFileBytes, Long maxBytesInFlight, Long streamAboveBytes) {
        /** About a quarter of the task heap flink-conf/config.yaml gives, as replay caps it at a quarter. */
        public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 200L * 1024 * 1024;

        public Fetch {
            strategy = orDefault(strategy, () -> FetchStrategy.ADAPTIVE);
            maxFileBytes = orDefault(maxFileBytes, () -> FetchSettings.DEFAULT_MAX_FILE_BYTES);
            if (maxFileBytes < 1) {
                throw new ConfigException("max_file_bytes", "must be at least 1, got " + maxFileBytes);
            }
            maxBytesInFlight = orDefault(maxBytesInFlight, () -> DEFAULT_MAX_BYTES_IN_FLIGHT);
            if (maxBytesInFlight < 0) {
                throw new ConfigException("max_bytes_in_flight", "must be at least 0, got " + maxBytesInFlight);
            }
            streamAboveBytes = orDefault(streamAboveBytes, () -> FetchSettings.DEFAULT_STREAM_ABOVE_BYTES);
            if (streamAboveBytes < 0) {
                throw new ConfigException("stream_above_bytes", "must be at least 0, got " + streamAboveBytes);
            }
        }
    }

    /** When the memory throttle acts; see ThrottleSettings. */
    public record Throttle(Boolean enabled, Double warning, Double critical) {
        public Throttle {
            ThrottleSettings defaults = ThrottleSettings.defaults();
            enabled = orDefault(enabled, () -> true);
            warning = orDefault(warning, defaults::warning);
            critical = orDefault(critical, defaults::critical);
            if (!(defaults.hysteresis() < warning && warning < critical && critical <= 1)) {
                throw new ConfigException("warning", "need " + defaults.hysteresis()
                        + " < warning < critical <= 1, got warning " + warning + " and critical " + critical);
            }
        }
    }

    /**
     * When a ref's keyed state goes away (BranchLifetimes): refs other than the default branches expire after
     * {@code branch_ttl} without a push.
     */
    public record State(@JsonDeserialize(using = DurationValue.class) Duration branchTtl, List<String> defaultBranches) {
        public static final Duration DEFAULT_BRANCH_TTL = BranchLifetimes.defaults().branchTtl();

        public State {
            branchTtl = orDefault(branchTtl, () -> DEFAULT_BRANCH_TTL);
            if (branchTtl.compareTo(BranchLifetimes.ENDED_REF_MEMORY) <= 0) {
                throw new ConfigException("branch_ttl", "must be longer than "
                        + BranchLifetimes.ENDED_REF_MEMORY.toHours() + "h, got " + branchTtl);
            }
            defaultBranches = List.copyOf(orDefault(defaultBranches,
                    () -> List.copyOf(new TreeSet<>(BranchLifetimes.defaults().defaultBranches()))));
            for (String branch : defaultBranches) {
                if (branch == null || branch.isBlank() || branch.startsWith("refs/")) {
                    throw new ConfigException("default_branches", "a branch name such as main, not '" + branch + "'");
                }
            }
        }
    }

    /** How long refs live in state. */
    public BranchLifetimes branchLifetimes() {
        return new BranchLifetimes(state.branchTtl(), Set.copyOf(state.defaultBranches()));
    }

    /** The fetch stage's settings: the GitHub API, the token's variable, the strategy and its caps. */
    public FetchSettings fetchSettings() {
        return new FetchSettings(github.apiBaseUrl(), github.tokenEnv(), fetch.strategy(), fetch.maxFileBytes(),
                fetch.maxBytesInFlight(), appCredentials(),
                github.rateLimitShare(), fetch.streamAboveBytes());
    }

    /** Where and how scanned commits are marked; null when {@code sinks.commit_statuses} is absent or off. */
    public StatusSettings statusSettings() {
        CommitStatuses marks = sinks.commitStatuses();
        if (marks == null || !marks.enabled()) {
            return null;
        }
        return new StatusSettings(github.apiBaseUrl(), github.tokenEnv(),
                github.app() == null ? null : github.app().credentials(), marks.mode(), marks.context(),
                marks.targetUrl(), List.of(new ContentLimit(marks.perMinute(), Duration.ofMinutes(1)),
                        new ContentLimit(marks.perHour(), Duration.ofHours(1))));
    }

    /** The GitHub App every reader of the API reads as, or null when they read with the token. */
    private GitHubCredentials.App appCredentials() {
        return github.app() == null ? null : github.app().credentials();
    }

    public ThrottleSettings throttleSettings() {
        ThrottleSettings defaults = ThrottleSettings.defaults();
        ThrottleSettings settings = new ThrottleSettings(throttle.warning(), throttle.critical(),
                defaults.hysteresis(), defaults.pollInterval(), defaults.probe(), true);
        return throttle.enabled() ? settings : settings.disabled();
    }

    public OrgEventsSettings orgEventsSettings(OrgEvents org) {
        return OrgEventsSettings.of(org.org(), github.apiBaseUrl(), github.tokenEnv(), org.pollInterval())
                .withApp(appCredentials());
    }

    public OrgRepositoriesSettings orgListingSettings() {
        OrgListing listing = sources.orgListing();
        OrgRepositoriesSettings settings = listing.installation()
                ? OrgRepositoriesSettings.forInstallation(github.apiBaseUrl(), github.tokenEnv())
                : OrgRepositoriesSettings.forOrgs(listing.orgs(), github.apiBaseUrl(), github.tokenEnv());
        return settings.withRelistInterval(listing.relistInterval()).withPace(listing.reposPerMinute())
                .withBaselineShare(listing.baselineShare()).withPageSize(listing.pageSize()).withApp(appCredentials());
    }

    /**
     * The listing {@code relist} runs: the configured one ({@code sources.org_listing}), or only organisation
     * {@code org} when it is given, with the configured pace and share if there are any.
     */
    public OrgRepositoriesSettings relistSettings(String org) {
        if (org == null) {
            if (sources.orgListing() == null) {
                throw new ConfigException("sources.org_listing", "required to relist without --org");
            }
            return orgListingSettings();
        }
        OrgRepositoriesSettings settings = sources.orgListing() != null ? orgListingSettings()
                : OrgRepositoriesSettings.forOrgs(List.of(org), github.apiBaseUrl(), github.tokenEnv())
                        .withApp(appCredentials());
        return settings.onlyOrg(org);
    }

    static void required(Object value, String key) {
        if (value == null) {
            throw ConfigException.required(key);
        }
    }

    static <T> T orDefault(T value, Supplier<T> otherwise) {
        return value == null ? Objects.requireNonNull(otherwise.get()) : value;
    }

    static Duration positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(key, "must be more than 0, got " + value);
        }
        return value;
    }
}
