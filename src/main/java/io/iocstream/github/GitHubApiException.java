package io.iocstream.github;

import java.io.IOException;

/** GitHub answered with an error status that retrying did not (or could not) cure. */
public class GitHubApiException extends IOException {

    private final int status;

    public GitHubApiException(int status, String message) {
        super("GitHub API " + status + ": " + message);
        this.status = status;
    }

    /** The HTTP status of the last answer. */
    public int status() {
        return status;
    }
}
