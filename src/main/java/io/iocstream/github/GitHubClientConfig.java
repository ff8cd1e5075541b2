package io.iocstream.github;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the client talks to the GitHub API. The token is never printed: {@link #toString()} masks it.
 *
 * @param baseUrl           the only API base URL the client will ever contact
 * @param token             bearer token, or null for an unauthenticated API (the simulator)
 * @param maxRetries        retries after the first attempt, for 5xx, connection failures and rate limits
 * @param initialBackoff    first wait of the exponential backoff
 * @param maxBackoff        cap of any single wait
 * @param secondaryLimitFloor the least wait after a secondary rate limit that gave no hint (GitHub says 60 s)
 */
public record GitHubClientConfig(String baseUrl, String token, Duration connectTimeout, Duration readTimeout,
        int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration secondaryLimitFloor)
        implements Serializable {

    public static GitHubClientConfig forBaseUrl(String baseUrl, String token) {
        return new GitHubClientConfig(baseUrl, token, Duration.ofSeconds(10), Duration.ofSeconds(30), 6,
                Duration.ofMillis(200), Duration.ofSeconds(120), Duration.ofSeconds(60));
    }

    public GitHubClientConfig withBackoff(Duration initial, Duration max, Duration secondaryFloor) {
        return new GitHubClientConfig(baseUrl, token, connectTimeout, readTimeout, maxRetries, initial, max,
                secondaryFloor);
    }

    @Override
    public String toString() {
        return "GitHubClientConfig[baseUrl=" + baseUrl + ", token=" + (token == null ? "none" : "***")
                + ", maxRetries=" + maxRetries + "]";
    }
}
