package io.iocstream.match;

import io.iocstream.pipeline.DeadLetter;

/**
 * What the IOC feed stream tells the matcher: a new package entry or indicator, that the initial feeds are fully
 * loaded (events wait for this, so a push is never judged against a half-loaded index), an entry or indicator to
 * apply only once every event has been processed (a replay's {@code iocs-later/}), or a feed row that could not be
 * read. The type says which one component is set; the others are null.
 *
 * <p>Dead letters travel in the feed stream so that their order with the entries is kept, and the pipeline splits
 * them off to the dead-letter output before the broadcast: they never reach the matcher.
 */
public record FeedUpdate(Type type, IocEntry entry, Indicator indicator, DeadLetter deadLetter) {

    /** Which kind of update this is, and so which component is set. */
    public enum Type {
        /** {@link #entry()}: a package entry to apply now. */
        ENTRY,
        /** No component: every initial feed is in. */
        INITIAL_LOAD_DONE,
        /** {@link #entry()}: a package entry to apply once every event is processed. */
        DEFERRED_ENTRY,
        /** {@link #indicator()}: an indicator to apply now. */
        INDICATOR,
        /** {@link #indicator()}: an indicator to apply once every event is processed. */
        DEFERRED_INDICATOR,
        /** {@link #deadLetter()}: a feed row or file that could not be read. */
        DEAD_LETTER
    }

    public static FeedUpdate entry(IocEntry entry) {
        return new FeedUpdate(Type.ENTRY, entry, null, null);
    }

    public static FeedUpdate deferred(IocEntry entry) {
        return new FeedUpdate(Type.DEFERRED_ENTRY, entry, null, null);
    }

    public static FeedUpdate indicator(Indicator indicator) {
        return new FeedUpdate(Type.INDICATOR, null, indicator, null);
    }

    public static FeedUpdate deferredIndicator(Indicator indicator) {
        return new FeedUpdate(Type.DEFERRED_INDICATOR, null, indicator, null);
    }

    public static FeedUpdate deadLetter(DeadLetter deadLetter) {
        return new FeedUpdate(Type.DEAD_LETTER, null, null, deadLetter);
    }

    public static FeedUpdate initialLoadDone() {
        return new FeedUpdate(Type.INITIAL_LOAD_DONE, null, null, null);
    }
}
