package io.iocstream.match;

/**
 * What the IOC feed stream tells the matcher: a new entry, that the initial feeds are fully loaded (events
 * wait for this, so a push is never judged against a half-loaded index), or an entry to apply only once every
 * event has been processed (a replay's {@code iocs-later/}).
 */
public record FeedUpdate(Type type, IocEntry entry) {

    public enum Type { ENTRY, INITIAL_LOAD_DONE, DEFERRED_ENTRY }

    public static FeedUpdate entry(IocEntry entry) {
        return new FeedUpdate(Type.ENTRY, entry);
    }

    public static FeedUpdate deferred(IocEntry entry) {
        return new FeedUpdate(Type.DEFERRED_ENTRY, entry);
    }

    public static FeedUpdate initialLoadDone() {
        return new FeedUpdate(Type.INITIAL_LOAD_DONE, null);
    }
}
