package io.iocstream.github.sim;

/**
 * A check run a GitHub App created through {@code POST /repos/OWNER/NAME/check-runs}, as the simulator recorded it.
 *
 * @param status     {@code queued}, {@code in_progress} or {@code completed}
 * @param conclusion for a completed run: {@code success}, {@code failure}, {@code neutral}, ...; else null
 * @param title      the output's title, or null
 * @param summary    the output's Markdown summary, or null
 */
public record CheckRun(String repo, String headSha, String name, String status, String conclusion, String title,
        String summary) {}
