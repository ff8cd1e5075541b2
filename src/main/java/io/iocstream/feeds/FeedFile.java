package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import java.nio.file.Path;

/**
 * One file of a feed directory as its readers see it.
 *
 * @param path the file on disk, what dead letters point at
 * @param feed its path relative to the feed directory root, what entries name as their feed and their
 *             {@code FEEDFILE:LINE} ids start with
 */
public record FeedFile(Path path, String feed) {

    static FeedFile of(Path root, Path file) {
        return new FeedFile(file, root.relativize(file).toString().replace('\\', '/'));
    }

    /** The id of an entry that carries none of its own: {@code FEEDFILE:LINE}. */
    String lineId(int line) {
        return feed + ":" + line;
    }

    DeadLetter deadLetter(int line, String reason, String raw) {
        return new DeadLetter("feed", path + ":" + line, reason, raw);
    }
}
