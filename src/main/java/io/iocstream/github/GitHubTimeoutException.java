package io.iocstream.github;

/**
 * GitHub abandoned a GraphQL query at its time limit (10 s): a 502 or 504, or errors without data, saying it may be
 * the result of a timeout. The same query would take as long again, so it is not retried; the caller asks for less
 * (a smaller batch) instead.
 */
public final class GitHubTimeoutException extends GitHubApiException {

    public GitHubTimeoutException(int status, String message) {
        super(status, message);
    }
}
