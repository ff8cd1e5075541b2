package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import java.nio.file.Path;

/**
 * One file of a feed directory as its readers see it.
 *
 * @param origin where the file came from, what dead letters point at: the file on disk, or the feed topic record
 * @param feed its path relative to the feed directory root, what entries name as their feed and their
 *             {@code FEEDFILE:LINE} ids start with
 */
public record FeedFile(String origin, String feed) {

    static FeedFile of(Path root, Path file) {
        return new FeedFile(file.toString(), root.relativize(file).toString().replace('\\', '/'));
    }

    /** The id of an entry that carries none of its own: {@code FEEDFILE:LINE}. */
    String lineId(int line) {
        return feed + ":" + line;
    }

    DeadLetter deadLetter(int line, String reason, String raw) {
        return new DeadLetter("feed", origin + ":" + line, reason, raw);
    }
}
