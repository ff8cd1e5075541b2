package io.iocstream.ingest;

import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubCredentials;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Whose repositories the listing source baselines, how often it lists them again, and how fast it asks for
 * baselines, and as whom. No secret is ever part of the job graph: only the name of the environment variable that
 * holds a token, or where a GitHub App's private key lies, read on the task manager.
 *
 * @param orgs           organisation logins whose repositories ({@code GET /orgs/ORG/repos}) are listed, in order;
 *                       empty in installation mode
 * @param installation   list {@code GET /installation/repositories} instead: every repository the App
 *                       installation (the {@code app}, or the installation token in {@code tokenEnvVar}) may read
 * @param apiBaseUrl     the only GitHub API base URL contacted
 * @param tokenEnvVar    environment variable holding the token, or null for anonymous calls (the simulator)
 * @param relistInterval how long after a listing ends the next one starts, so repositories that no event announced
 *                       are still found
 * @param reposPerMinute the most baseline requests emitted a minute, so baselines never crowd out pushes
 * @param baselineShare  baselines are requested only while less than this share of each rate-limit window (REST
 *                       and GraphQL, read from {@code GET /rate_limit}) is spent; above it the source waits for the
 *                       window's reset, leaving the rest to pushes
 * @param pageSize       repositories a listing page holds (GitHub allows 1 to 100)
 * @param app            the GitHub App installation to read as, instead of the token; null for none
 */
public record OrgRepositoriesSettings(List<String> orgs, boolean installation, String apiBaseUrl, String tokenEnvVar,
        Duration relistInterval, int reposPerMinute, double baselineShare, int pageSize, GitHubCredentials.App app)
        implements Serializable {

    public static final Duration DEFAULT_RELIST_INTERVAL = Duration.ofHours(24);
    public static final int DEFAULT_REPOS_PER_MINUTE = 30;
    public static final double DEFAULT_BASELINE_SHARE = 0.5;

    /** The one listing target in installation mode; no organisation login can be spelt so. */
    static final String INSTALLATION = "(installation)";

    public OrgRepositoriesSettings {
        orgs = List.copyOf(Objects.requireNonNull(orgs, "orgs"));
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        if (installation == !orgs.isEmpty()) {
            throw new IllegalArgumentException(installation ? "orgs must be empty in installation mode"
                    : "orgs must name at least one organisation (or use installation mode)");
        }
        for (String org : orgs) {
            if (org == null || org.isBlank() || org.contains("/") || org.equals(INSTALLATION)) {
                throw new IllegalArgumentException("orgs must hold organisation logins, was " + org);
            }
        }
        if (relistInterval == null || relistInterval.isNegative() || relistInterval.isZero()) {
            throw new IllegalArgumentException("relistInterval must be > 0, was " + relistInterval);
        }
        if (reposPerMinute < 1) {
            throw new IllegalArgumentException("reposPerMinute must be >= 1, was " + reposPerMinute);
        }
        if (!(baselineShare > 0 && baselineShare <= 1)) {
            throw new IllegalArgumentException("baselineShare must be within (0, 1], was " + baselineShare);
        }
        if (pageSize < 1 || pageSize > GitHubClient.REPOSITORIES_PER_PAGE) {
            throw new IllegalArgumentException("pageSize must be within [1, " + GitHubClient.REPOSITORIES_PER_PAGE
                    + "], was " + pageSize);
        }
        // fail at build time rather than on the task manager
        GitHubClientConfig.forBaseUrl(apiBaseUrl, null);
    }

    /** The repositories of {@code orgs}, with the default interval, pace, share and page size. */
    public static OrgRepositoriesSettings forOrgs(List<String> orgs, String apiBaseUrl, String tokenEnvVar) {
        return new OrgRepositoriesSettings(orgs, false, apiBaseUrl, tokenEnvVar, DEFAULT_RELIST_INTERVAL,
                DEFAULT_REPOS_PER_MINUTE, DEFAULT_BASELINE_SHARE, GitHubClient.REPOSITORIES_PER_PAGE, null);
    }

    /** The repositories of the App installation whose token is used, with the defaults. */
    public static OrgRepositoriesSettings forInstallation(String apiBaseUrl, String tokenEnvVar) {
        return new OrgRepositoriesSettings(List.of(), true, apiBaseUrl, tokenEnvVar, DEFAULT_RELIST_INTERVAL,
                DEFAULT_REPOS_PER_MINUTE, DEFAULT_BASELINE_SHARE, GitHubClient.REPOSITORIES_PER_PAGE, null);
    }

    public OrgRepositoriesSettings withRelistInterval(Duration interval) {
        return new OrgRepositoriesSettings(orgs, installation, apiBaseUrl, tokenEnvVar, interval, reposPerMinute,
                baselineShare, pageSize, app);
    }

    public OrgRepositoriesSettings withPace(int perMinute) {
        return new OrgRepositoriesSettings(orgs, installation, apiBaseUrl, tokenEnvVar, relistInterval, perMinute,
                baselineShare, pageSize, app);
    }

    public OrgRepositoriesSettings withBaselineShare(double share) {
        return new OrgRepositoriesSettings(orgs, installation, apiBaseUrl, tokenEnvVar, relistInterval,
                reposPerMinute, share, pageSize, app);
    }

    public OrgRepositoriesSettings withPageSize(int size) {
        return new OrgRepositoriesSettings(orgs, installation, apiBaseUrl, tokenEnvVar, relistInterval,
                reposPerMinute, baselineShare, size, app);
    }

    /** The same, reading as GitHub App installation {@code app} instead of with a token. */
    public OrgRepositoriesSettings withApp(GitHubCredentials.App app) {
        return new OrgRepositoriesSettings(orgs, installation, apiBaseUrl, tokenEnvVar, relistInterval,
                reposPerMinute, baselineShare, pageSize, app);
    }

    /** The same, listing only {@code org} (one of the organisations, or any in installation mode). */
    public OrgRepositoriesSettings onlyOrg(String org) {
        return new OrgRepositoriesSettings(List.of(org), false, apiBaseUrl, tokenEnvVar, relistInterval,
                reposPerMinute, baselineShare, pageSize, app);
    }

    /** What one listing goes through, in order: the organisations, or the installation. */
    List<String> targets() {
        return installation ? List.of(INSTALLATION) : orgs;
    }

    /** The client configuration: the App, or the token read from the environment here and now. */
    GitHubClientConfig clientConfig() {
        return GitHubClientConfig.of(apiBaseUrl, GitHubCredentials.resolve(tokenEnvVar, app));
    }
}
