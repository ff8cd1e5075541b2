package io.iocstream.github.sim;

import java.time.Duration;
import java.util.List;

/** At most {@code requests} content-creating requests in any {@code window}, as GitHub's secondary limits say. */
public record ContentCreationLimit(int requests, Duration window) {

    /** GitHub's documented limits for content creation: 80 requests a minute, 500 an hour. */
    public static final List<ContentCreationLimit> GITHUB = List.of(
            new ContentCreationLimit(80, Duration.ofMinutes(1)), new ContentCreationLimit(500, Duration.ofHours(1)));

    public ContentCreationLimit {
        if (requests < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit needs at least 1 request and a window, got " + requests
                    + " in " + window);
        }
    }
}
