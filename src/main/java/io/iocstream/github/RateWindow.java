package io.iocstream.github;

/**
 * One rate-limit budget as {@code GET /rate_limit} reports it.
 *
 * @param resource          {@code core} (REST) or {@code graphql}
 * @param resetEpochSeconds when the window starts over
 */
public record RateWindow(String resource, long limit, long remaining, long resetEpochSeconds) {

    /** How much of the window is spent, from 0 to 1; 0 for a window without a limit. */
    public double usedShare() {
        return limit <= 0 ? 0 : (double) (limit - remaining) / limit;
    }
}
