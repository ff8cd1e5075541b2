package io.iocstream.statuses;

import java.io.Serializable;
import java.time.Duration;

/**
 * At most {@code requests} content-creating requests in any {@code window}. GitHub's documented secondary limits for
 * content creation are 80 a minute and 500 an hour ({@link StatusSettings#GITHUB_LIMITS}).
 */
public record ContentLimit(int requests, Duration window) implements Serializable {

    public ContentLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1, got " + requests);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be more than 0, got " + window);
        }
    }
}
