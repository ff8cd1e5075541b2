package io.iocstream.fetch;

import io.iocstream.github.GitHubClientConfig;
import java.io.Serializable;

/**
 * Where the fetch stage reads from. The token itself is never part of the job graph: only the name of the
 * environment variable that holds it, read on the task manager.
 *
 * @param apiBaseUrl  the only GitHub API base URL the job ever contacts
 * @param tokenEnvVar environment variable holding the token, or null for an unauthenticated API (the simulator)
 * @param maxFileBytes largest file read; a larger one is a dead letter
 * @param maxBytesInFlight file content read but not yet parsed, per task manager; 0 for no cap
 */
public record FetchSettings(String apiBaseUrl, String tokenEnvVar, FetchStrategy strategy, long maxFileBytes,
        long maxBytesInFlight) implements Serializable {

    /** GitHub serves files up to 100 MB through the raw media type; past the cap a file is a dead letter. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;

    public static FetchSettings of(String apiBaseUrl, String tokenEnvVar, FetchStrategy strategy) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, DEFAULT_MAX_FILE_BYTES, 0);
    }

    /** The same, with file content in flight capped at {@code bytes} per task manager (0: no cap). */
    public FetchSettings withMaxBytesInFlight(long bytes) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, bytes);
    }

    public FetchTuning tuning() {
        return FetchTuning.of(strategy);
    }

    GitHubClientConfig clientConfig() {
        String token = tokenEnvVar == null ? null : System.getenv(tokenEnvVar);
        return GitHubClientConfig.forBaseUrl(apiBaseUrl, token);
    }
}
