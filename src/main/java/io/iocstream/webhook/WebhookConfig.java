package io.iocstream.webhook;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.job.ConfigException;
import io.iocstream.job.DurationValue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The webhook receiver's configuration: its own YAML file ({@code webhook --config FILE}, docs/configuration.md), read
 * by {@link WebhookConfigReader}, one record a section, keys in snake_case. Secrets are never values here: each is
 * the name of an environment variable or the path of a mounted file.
 */
public record WebhookConfig(Listen listen, List<Secret> secrets, Kafka kafka, Dedup dedup, Redeliver redeliver) {

    /** GitHub's largest webhook payload; larger ones it does not send. */
    public static final long GITHUB_MAX_PAYLOAD_BYTES = 25L * 1024 * 1024;

    public WebhookConfig {
        listen = orDefault(listen, () -> new Listen(null, null, null));
        required(secrets, "secrets");
        if (secrets.isEmpty() || secrets.size() > 2) {
            throw new ConfigException("secrets", "one secret, or two while one replaces the other, got "
                    + secrets.size());
        }
        for (int i = 0; i < secrets.size(); i++) {
            if (secrets.get(i) == null) {
                throw new ConfigException("secrets[" + i + "]", "required: env or file");
            }
        }
        secrets = List.copyOf(secrets);
        required(kafka, "kafka");
        dedup = orDefault(dedup, () -> new Dedup(null, null));
    }

    /** Where the receiver listens; GitHub posts to {@code path}. */
    public record Listen(String host, Integer port, String path) {
        public Listen {
            host = orDefault(host, () -> "0.0.0.0");
            port = orDefault(port, () -> 8080);
            if (port < 0 || port > 65535) {
                throw new ConfigException("port", "must be between 0 and 65535, got " + port);
            }
            path = orDefault(path, () -> "/webhook");
            if (!path.startsWith("/") || path.equals("/healthz") || path.equals("/metrics") || path.equals("/livez")) {
                throw new ConfigException("path", "a path starting with / other than /healthz, /livez and /metrics, "
                        + "got '" + path + "'");
            }
        }
    }

    /** A webhook secret: the name of an environment variable holding it, or a file (a mounted Secret) holding it. */
    public record Secret(String env, String file) {
        public Secret {
            if ((env == null) == (file == null)) {
                throw new ConfigException("env", "exactly one of env or file is required");
            }
            if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException("env", "the name of an environment variable (the secret itself never "
                        + "goes in the file)");
            }
        }
    }

    /**
     * The job's input topic and how long a delivery may wait for Kafka: {@code send_timeout} bounds both the wait for
     * the topic's metadata and for the broker's acknowledgement, so a delivery is answered 503 in at most twice that.
     */
    public record Kafka(String bootstrapServers, String topic,
            @JsonDeserialize(using = DurationValue.class) Duration sendTimeout) {
        /** GitHub gives up on a delivery after 10 s; the receiver must answer well before. */
        static final Duration MAX_SEND_TIMEOUT = Duration.ofSeconds(4);

        public Kafka {
            required(bootstrapServers, "bootstrap_servers");
            required(topic, "topic");
            sendTimeout = orDefault(sendTimeout, () -> MAX_SEND_TIMEOUT);
            if (sendTimeout.compareTo(Duration.ofMillis(100)) < 0 || sendTimeout.compareTo(MAX_SEND_TIMEOUT) > 0) {
                throw new ConfigException("send_timeout", "must be between 100ms and 4s (GitHub waits 10 s for the "
                        + "answer), got " + sendTimeout);
            }
        }
    }

    /**
     * How delivery ids are remembered: those of the last {@code window} (at most {@code max_entries}), recalled from
     * the topic's record headers on start and from other replicas' writes while running.
     */
    public record Dedup(@JsonDeserialize(using = DurationValue.class) Duration window, Integer maxEntries) {
        /** GitHub lets a delivery be redelivered for three days. */
        public static final Duration DEFAULT_WINDOW = Duration.ofHours(72);
        public static final int DEFAULT_MAX_ENTRIES = 200_000;

        public Dedup {
            window = orDefault(window, () -> DEFAULT_WINDOW);
            if (window.isNegative() || window.isZero()) {
                throw new ConfigException("window", "must be more than 0, got " + window);
            }
            maxEntries = orDefault(maxEntries, () -> DEFAULT_MAX_ENTRIES);
            if (maxEntries < 1) {
                throw new ConfigException("max_entries", "must be at least 1, got " + maxEntries);
            }
        }
    }

    /**
     * Asking GitHub to redeliver failed deliveries: of an organisation's hook ({@code org}, {@code hook_id}, a token
     * in {@code token_env} with admin:org_hook) or of a GitHub App's hook ({@code app}); in the service every
     * {@code interval} when it is set.
     */
    public record Redeliver(String apiBaseUrl, String org, Long hookId, String tokenEnv, App app,
            @JsonDeserialize(using = DurationValue.class) Duration interval,
            @JsonDeserialize(using = DurationValue.class) Duration lookback, Integer maxAttempts) {
        /** GitHub keeps deliveries, and redelivers them, for three days. */
        public static final Duration MAX_LOOKBACK = Duration.ofDays(3);

        public Redeliver {
            apiBaseUrl = orDefault(apiBaseUrl, () -> "https://api.github.com");
            try {
                GitHubClientConfig.forBaseUrl(apiBaseUrl, null);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("api_base_url", "not an http(s) URL: '" + apiBaseUrl + "'");
            }
            if (app == null) {
                required(org, "org");
                if (org.isBlank() || org.contains("/")) {
                    throw new ConfigException("org", "an organisation login, not '" + org + "'");
                }
                required(hookId, "hook_id");
                if (hookId <= 0) {
                    throw new ConfigException("hook_id", "must be a positive number, got " + hookId);
                }
                required(tokenEnv, "token_env");
                if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new ConfigException("token_env", "the name of an environment variable, not a value");
                }
            } else if (org != null || hookId != null || tokenEnv != null) {
                throw new ConfigException(org != null ? "org" : hookId != null ? "hook_id" : "token_env",
                        "not with app: an App's hook is its own");
            }
            if (interval != null && interval.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new ConfigException("interval", "must be at least 10s, got " + interval);
            }
            lookback = orDefault(lookback, () -> Duration.ofHours(24));
            if (lookback.isNegative() || lookback.isZero() || lookback.compareTo(MAX_LOOKBACK) > 0) {
                throw new ConfigException("lookback", "must be more than 0 and at most 72h, got " + lookback);
            }
            maxAttempts = orDefault(maxAttempts, () -> 5);
            if (maxAttempts < 1) {
                throw new ConfigException("max_attempts", "must be at least 1, got " + maxAttempts);
            }
        }
    }

    /** A GitHub App whose hook's deliveries are listed with a JWT signed by its private key (a mounted file). */
    public record App(String appId, String privateKeyFile) {
        public App {
            required(appId, "app_id");
            if (!appId.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException("app_id", "an App's client id (Iv1.…) or number");
            }
            required(privateKeyFile, "private_key_file");
        }
    }

    static void required(Object value, String key) {
        if (value == null) {
            throw new ConfigException(key, "required");
        }
    }

    static <T> T orDefault(T value, Supplier<T> otherwise) {
        return value == null ? Objects.requireNonNull(otherwise.get()) : value;
    }
}
