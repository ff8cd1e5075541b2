/**
 * The GitHub REST client of the fetch stage: {@link io.iocstream.github.GitHubClient} reads file contents, trees
 * and compares, talks only to its configured origin, and retries rate limits and server errors as GitHub asks
 * ({@link io.iocstream.github.RetryPolicy}).
 */
package io.iocstream.github;
