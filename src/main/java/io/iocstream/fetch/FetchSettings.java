package io.iocstream.fetch;

import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubCredentials;
import java.io.Serializable;

/**
 * Where the fetch stage reads from and as whom. No secret is ever part of the job graph: only the name of the
 * environment variable that holds a token, or where a GitHub App's private key file lies, both read on the task
 * manager.
 *
 * @param apiBaseUrl  the only GitHub API base URL the job ever contacts
 * @param tokenEnvVar environment variable holding the token, or null for an unauthenticated API (the simulator)
 * @param maxFileBytes largest file read; a larger one is a dead letter
 * @param maxBytesInFlight file content read but not yet parsed, per task manager; 0 for no cap
 * @param app         the GitHub App installation to read as, instead of the token; null for none
 * @param rateLimitShare the most of each rate-limit window the job spends, in (0, 1]
 */
public record FetchSettings(String apiBaseUrl, String tokenEnvVar, FetchStrategy strategy, long maxFileBytes,
        long maxBytesInFlight, GitHubCredentials.App app, double rateLimitShare) implements Serializable {

    /** GitHub serves files up to 100 MB through the raw media type; past the cap a file is a dead letter. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;

    public static FetchSettings of(String apiBaseUrl, String tokenEnvVar, FetchStrategy strategy) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, DEFAULT_MAX_FILE_BYTES, 0, null,
                GitHubClientConfig.DEFAULT_RATE_LIMIT_SHARE);
    }

    /** The same, with file content in flight capped at {@code bytes} per task manager (0: no cap). */
    public FetchSettings withMaxBytesInFlight(long bytes) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, bytes, app, rateLimitShare);
    }

    /** The same, reading as GitHub App installation {@code app} instead of with a token. */
    public FetchSettings withApp(GitHubCredentials.App app) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, maxBytesInFlight, app,
                rateLimitShare);
    }

    /** The same, spending at most {@code share} of each rate-limit window. */
    public FetchSettings withRateLimitShare(double share) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, maxBytesInFlight, app, share);
    }

    public FetchTuning tuning() {
        return FetchTuning.of(strategy);
    }

    GitHubClientConfig clientConfig() {
        return GitHubClientConfig.of(apiBaseUrl, GitHubCredentials.resolve(tokenEnvVar, app))
                .withRateLimitShare(rateLimitShare);
    }
}
