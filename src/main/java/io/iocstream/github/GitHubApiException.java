package io.iocstream.github;

import java.io.IOException;

/** GitHub answered with an error status that retrying did not (or could not) cure. */
public class GitHubApiException extends IOException {

    private final int status;
    private final java.time.Duration retryAfter;

    public GitHubApiException(int status, String message) {
        this(status, message, null);
    }

    /** @param retryAfter how long GitHub asked to wait before another attempt, for an answer worth one; else null */
    public GitHubApiException(int status, String message, java.time.Duration retryAfter) {
        super("GitHub API " + status + ": " + message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /**
     * For an answer another attempt may cure (5xx, a rate limit) that the client did not retry (it was out of
     * retries, or set to make none): the wait before that attempt, as GitHub asked for it; else null.
     */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** The HTTP status of the last answer. */
    public int status() {
        return status;
    }
}
