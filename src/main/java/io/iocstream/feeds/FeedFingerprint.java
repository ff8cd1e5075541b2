package io.iocstream.feeds;

/**
 * What a feed file looked like when it was last read: size and modification time say cheaply that it may have
 * changed, the content hash confirms it (a touched file with the same bytes is not read again).
 */
public record FeedFingerprint(long size, long modifiedMillis, String sha256) {

    /** True when size and modification time are as recorded: the file is taken as unchanged without reading it. */
    boolean sameStat(long otherSize, long otherModifiedMillis) {
        return size == otherSize && modifiedMillis == otherModifiedMillis;
    }
}
