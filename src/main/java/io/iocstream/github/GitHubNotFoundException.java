package io.iocstream.github;

/** 404: the repository, commit or path does not exist (or the token cannot see it). */
public class GitHubNotFoundException extends GitHubApiException {
    public GitHubNotFoundException(String what) {
        super(404, "not found: " + what);
    }
}
