package io.iocstream.statuses;

import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubCredentials;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Where and how scanned commits are marked. As for the fetch stage, no secret is part of the job graph: only the
 * name of the token's environment variable, or where the App's private key file lies.
 *
 * @param apiBaseUrl  the only GitHub API base URL contacted
 * @param tokenEnvVar environment variable holding the token, or null (the simulator)
 * @param app         the GitHub App installation to write as; required for {@link StatusMode#CHECK_RUN}
 * @param mode        a commit status or a check run
 * @param context     the status's context, or the check run's name (e.g. {@code iocstream})
 * @param targetUrl   where a status or check links to (a dashboard), or null
 * @param limits      the content-creation limits to stay within, every one at once
 */
public record StatusSettings(String apiBaseUrl, String tokenEnvVar, GitHubCredentials.App app, StatusMode mode,
        String context, String targetUrl, List<ContentLimit> limits) implements Serializable {

    /** GitHub's secondary limits for content-creating requests: 80 a minute, 500 an hour. */
    public static final List<ContentLimit> GITHUB_LIMITS = List.of(new ContentLimit(80, Duration.ofMinutes(1)),
            new ContentLimit(500, Duration.ofHours(1)));

    public static final String DEFAULT_CONTEXT = "iocstream";

    public StatusSettings {
        limits = List.copyOf(limits);
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("at least one content limit is needed");
        }
        if (mode == StatusMode.CHECK_RUN && app == null) {
            throw new IllegalArgumentException("check runs need a GitHub App: only an App may create them");
        }
    }

    /** Commit statuses against {@code apiBaseUrl} with GitHub's limits, as {@code tokenEnvVar}'s token. */
    public static StatusSettings statuses(String apiBaseUrl, String tokenEnvVar) {
        return new StatusSettings(apiBaseUrl, tokenEnvVar, null, StatusMode.STATUS, DEFAULT_CONTEXT, null,
                GITHUB_LIMITS);
    }

    /** The same, within other limits. */
    public StatusSettings withLimits(List<ContentLimit> other) {
        return new StatusSettings(apiBaseUrl, tokenEnvVar, app, mode, context, targetUrl, other);
    }

    /** The same, as check runs of GitHub App installation {@code installation}. */
    public StatusSettings asCheckRuns(GitHubCredentials.App installation) {
        return new StatusSettings(apiBaseUrl, tokenEnvVar, installation, StatusMode.CHECK_RUN, context, targetUrl,
                limits);
    }

    GitHubClientConfig clientConfig() {
        return GitHubClientConfig.of(apiBaseUrl, GitHubCredentials.resolve(tokenEnvVar, app));
    }
}
