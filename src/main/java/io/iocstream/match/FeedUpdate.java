package io.iocstream.match;

import io.iocstream.pipeline.DeadLetter;

/**
 * What the IOC feed stream tells the matcher: a new package entry or indicator, that the initial feeds are
 * fully loaded (events wait for this, so a push is never judged against a half-loaded index), an entry or
 * indicator to apply only once every event has been processed (a replay's {@code iocs-later/}), or a feed
 * record that could not be read (split off to the dead letters before the matcher).
 * Exactly one of {@code entry}, {@code indicator} and {@code deadLetter} is set, except for
 * {@link Type#INITIAL_LOAD_DONE}.
 */
public record FeedUpdate(Type type, IocEntry entry, Indicator indicator, DeadLetter deadLetter) {

    public enum Type { ENTRY, INITIAL_LOAD_DONE, DEFERRED_ENTRY, DEAD_LETTER }

    public static FeedUpdate entry(IocEntry entry) {
        return new FeedUpdate(Type.ENTRY, entry, null, null);
    }

    public static FeedUpdate indicator(Indicator indicator) {
        return new FeedUpdate(Type.ENTRY, null, indicator, null);
    }

    public static FeedUpdate deferred(IocEntry entry) {
        return new FeedUpdate(Type.DEFERRED_ENTRY, entry, null, null);
    }

    public static FeedUpdate deferredIndicator(Indicator indicator) {
        return new FeedUpdate(Type.DEFERRED_ENTRY, null, indicator, null);
    }

    public static FeedUpdate deadLetter(DeadLetter deadLetter) {
        return new FeedUpdate(Type.DEAD_LETTER, null, null, deadLetter);
    }

    public static FeedUpdate initialLoadDone() {
        return new FeedUpdate(Type.INITIAL_LOAD_DONE, null, null, null);
    }

    /** Whether this update withdraws what it names. */
    boolean withdraws() {
        return entry != null ? entry.withdrawn() : indicator != null && indicator.withdrawn();
    }
}
