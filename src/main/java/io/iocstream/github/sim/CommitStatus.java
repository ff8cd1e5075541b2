package io.iocstream.github.sim;

/**
 * A commit status a client set through {@code POST /repos/OWNER/NAME/statuses/SHA}, as the simulator recorded it.
 *
 * @param state       {@code error}, {@code failure}, {@code pending} or {@code success}
 * @param targetUrl   where the status links to, or null
 * @param description its text, or null
 * @param context     the label that tells statuses of one commit apart ({@code default} when none was given)
 */
public record CommitStatus(String repo, String sha, String state, String targetUrl, String description,
        String context) {}
