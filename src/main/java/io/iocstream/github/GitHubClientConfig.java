package io.iocstream.github;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How a {@link GitHubClient} reaches GitHub (or the simulator), who it is there, how much of each rate-limit window
 * it may spend and how patiently it retries.
 *
 * @param baseUrl        the API root, e.g. {@code https://api.github.com} or GitHub Enterprise's
 *                       {@code https://HOST/api/v3}; nothing outside it is contacted but its GraphQL URL
 *                       ({@code BASE/graphql}, or {@code /api/graphql} beside a base ending in {@code /api/v3})
 * @param credentials    anonymous, a token, or a GitHub App installation; never printed
 * @param maxRetries     retries after the first attempt, for 5xx, rate limits and I/O errors
 * @param initialBackoff first wait of the exponential backoff
 * @param maxBackoff     cap of the exponential backoff, and of the floor used for secondary rate limits
 * @param rateLimitShare the most of each rate-limit window the client spends, in (0, 1]; the rest is left to
 *                       other automation on the same token or App (the batch tools' {@code rate_limit_buffer})
 */
public record GitHubClientConfig(
        String baseUrl,
        GitHubCredentials credentials,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        double rateLimitShare) {

    /** The batch tools' default {@code rate_limit_buffer}: a fifth of each window stays for others. */
    public static final double DEFAULT_RATE_LIMIT_SHARE = 0.8;

    public GitHubClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentials, "credentials");
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl);
        }
        // a credential must never cross the network in clear text; plain http is for the local simulator only
        if (!(credentials instanceof GitHubCredentials.Anonymous) && !parsed.isHttps()
                && !isLoopback(parsed.host())) {
            throw new IllegalArgumentException("refusing to send a token over plain http to " + parsed.host());
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
        }
        if (!(rateLimitShare > 0 && rateLimitShare <= 1)) {
            throw new IllegalArgumentException("rateLimitShare must be within (0, 1], was " + rateLimitShare);
        }
    }

    /**
     * Defaults: connect 10 s, read 30 s, 5 retries, backoff from 200 ms up to 60 s, 80% of each rate-limit window.
     *
     * @param token sent as {@code Authorization: Bearer}, or null for anonymous calls
     */
    public static GitHubClientConfig forBaseUrl(String baseUrl, String token) {
        return of(baseUrl, GitHubCredentials.token(token));
    }

    /** The defaults of {@link #forBaseUrl(String, String)} with any credentials, a GitHub App's for instance. */
    public static GitHubClientConfig of(String baseUrl, GitHubCredentials credentials) {
        return new GitHubClientConfig(baseUrl, credentials, Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
                Duration.ofMillis(200), Duration.ofSeconds(60), DEFAULT_RATE_LIMIT_SHARE);
    }

    /** The static token, or null when the client is anonymous or an App. */
    public String token() {
        return credentials instanceof GitHubCredentials.Token token ? token.value() : null;
    }

    /** The same settings with other retry limits, for tests and impatient callers. */
    public GitHubClientConfig withRetries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        return new GitHubClientConfig(baseUrl, credentials, connectTimeout, readTimeout, maxRetries, initialBackoff,
                maxBackoff, rateLimitShare);
    }

    /** The same settings spending at most {@code share} of each rate-limit window. */
    public GitHubClientConfig withRateLimitShare(double share) {
        return new GitHubClientConfig(baseUrl, credentials, connectTimeout, readTimeout, maxRetries, initialBackoff,
                maxBackoff, share);
    }

    @Override
    public String toString() {
        return "GitHubClientConfig[baseUrl=" + baseUrl + ", credentials=" + credentials
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", rateLimitShare=" + rateLimitShare + "]";
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
    }
}
