package io.iocstream.github;

import java.io.IOException;

/** GitHub answered with an error the client does not retry (or no longer retries). */
public class GitHubApiException extends IOException {
    private final int status;

    public GitHubApiException(int status, String message) {
        super("HTTP " + status + ": " + message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
