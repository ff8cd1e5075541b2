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
 * @param streamAboveBytes files larger than this are streamed to a spool file on local disk and parsed from
 *                    there, never held whole in the heap ({@link Spool}); 0 for never
 */
public record FetchSettings(String apiBaseUrl, String tokenEnvVar, FetchStrategy strategy, long maxFileBytes,
        long maxBytesInFlight, GitHubCredentials.App app, double rateLimitShare, long streamAboveBytes)
        implements Serializable {

    /** GitHub serves files up to 100 MB through the raw media type; past the cap a file is a dead letter. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;
    /** A few megabytes: nearly every file is read into memory as before, lockfiles of vendored monorepos are not. */
    public static final long DEFAULT_STREAM_ABOVE_BYTES = 4L * 1024 * 1024;

    /** Settings that stream files past {@link #DEFAULT_STREAM_ABOVE_BYTES}. */
    public FetchSettings(String apiBaseUrl, String tokenEnvVar, FetchStrategy strategy, long maxFileBytes,
            long maxBytesInFlight, GitHubCredentials.App app, double rateLimitShare) {
        this(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, maxBytesInFlight, app, rateLimitShare,
                DEFAULT_STREAM_ABOVE_BYTES);
    }

    public static FetchSettings of(String apiBaseUrl, String tokenEnvVar, FetchStrategy strategy) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, DEFAULT_MAX_FILE_BYTES, 0, null,
                GitHubClientConfig.DEFAULT_RATE_LIMIT_SHARE);
    }

    /** The same, with file content in flight capped at {@code bytes} per task manager (0: no cap). */
    public FetchSettings withMaxBytesInFlight(long bytes) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, bytes, app, rateLimitShare,
                streamAboveBytes);
    }

    /** The same, reading as GitHub App installation {@code app} instead of with a token. */
    public FetchSettings withApp(GitHubCredentials.App app) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, maxBytesInFlight, app,
                rateLimitShare, streamAboveBytes);
    }

    /** The same, spending at most {@code share} of each rate-limit window. */
    public FetchSettings withRateLimitShare(double share) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, maxBytesInFlight, app, share,
                streamAboveBytes);
    }

    /** The same, streaming files larger than {@code bytes} to local disk (0: never). */
    public FetchSettings withStreamAboveBytes(long bytes) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, maxFileBytes, maxBytesInFlight, app,
                rateLimitShare, bytes);
    }

    /** The same, with files larger than {@code bytes} refused as dead letters. */
    public FetchSettings withMaxFileBytes(long bytes) {
        return new FetchSettings(apiBaseUrl, tokenEnvVar, strategy, bytes, maxBytesInFlight, app, rateLimitShare,
                streamAboveBytes);
    }

    /** Whether a file of {@code size} bytes (0 or less: unknown) is known ahead to be streamed to disk. */
    public boolean streams(long size) {
        return streamAboveBytes > 0 && size > streamAboveBytes;
    }

    public FetchTuning tuning() {
        return FetchTuning.of(strategy);
    }

    GitHubClientConfig clientConfig() {
        return GitHubClientConfig.of(apiBaseUrl, GitHubCredentials.resolve(tokenEnvVar, app))
                .withRateLimitShare(rateLimitShare);
    }
}
