package io.iocstream.github;

/** The repository, commit or path does not exist (HTTP 404); never retried. */
public final class GitHubNotFoundException extends GitHubApiException {

    public GitHubNotFoundException(String what) {
        super(404, "Not Found: " + what);
    }
}
