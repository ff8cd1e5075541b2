package io.iocstream.fetch;

import io.iocstream.github.GitHubClientConfig;
import java.io.Serializable;

/**
 * Where the fetch stage reads from. The token itself is never part of the job graph: only the name of the
 * environment variable that holds it, read on the task manager.
 *
 * @param apiBaseUrl  the only GitHub API base URL the job ever contacts
 * @param tokenEnvVar environment variable holding the token, or null for an unauthenticated API (the simulator)
 */
public record FetchSettings(String apiBaseUrl, String tokenEnvVar) implements Serializable {

    GitHubClientConfig clientConfig() {
        String token = tokenEnvVar == null ? null : System.getenv(tokenEnvVar);
        return GitHubClientConfig.forBaseUrl(apiBaseUrl, token);
    }
}
