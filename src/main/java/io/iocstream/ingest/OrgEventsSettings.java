package io.iocstream.ingest;

import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubCredentials;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What the org events poller reads, as whom and how often. No secret is ever part of the job graph: only the name
 * of the environment variable that holds a token, or where a GitHub App's private key lies, read on the task manager.
 *
 * @param org           the organisation whose {@code /orgs/ORG/events} are polled
 * @param apiBaseUrl    the only GitHub API base URL contacted
 * @param tokenEnvVar   environment variable holding the token, or null for anonymous calls (the simulator)
 * @param pollInterval  the shortest pause between polls; a longer {@code X-Poll-Interval} from GitHub wins
 * @param rememberedIds event ids kept for de-duplication; at least the 300 events GitHub lists
 * @param app           the GitHub App installation to read as, instead of the token; null for none
 */
public record OrgEventsSettings(String org, String apiBaseUrl, String tokenEnvVar, Duration pollInterval,
        int rememberedIds, GitHubCredentials.App app) implements Serializable {

    /** GitHub lists at most this many events of an organisation. */
    public static final int GITHUB_LISTED_EVENTS = 300;
    public static final int DEFAULT_REMEMBERED_IDS = 1_000;

    public OrgEventsSettings {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        if (org.isBlank() || org.contains("/")) {
            throw new IllegalArgumentException("org must be an organisation login, was " + org);
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be > 0, was " + pollInterval);
        }
        if (rememberedIds < GITHUB_LISTED_EVENTS) {
            throw new IllegalArgumentException("rememberedIds must be >= " + GITHUB_LISTED_EVENTS
                    + " (the events GitHub lists), was " + rememberedIds);
        }
        // fail at build time rather than on the task manager
        GitHubClientConfig.forBaseUrl(apiBaseUrl, null);
    }

    public static OrgEventsSettings of(String org, String apiBaseUrl, String tokenEnvVar, Duration pollInterval) {
        return new OrgEventsSettings(org, apiBaseUrl, tokenEnvVar, pollInterval, DEFAULT_REMEMBERED_IDS, null);
    }

    /** The same, reading as GitHub App installation {@code app} instead of with a token. */
    public OrgEventsSettings withApp(GitHubCredentials.App app) {
        return new OrgEventsSettings(org, apiBaseUrl, tokenEnvVar, pollInterval, rememberedIds, app);
    }

    /** The client configuration: the App, or the token read from the environment here and now. */
    GitHubClientConfig clientConfig() {
        return GitHubClientConfig.of(apiBaseUrl, GitHubCredentials.resolve(tokenEnvVar, app));
    }
}
