package io.iocstream.feeds;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Which feed directory the live feed source watches and how often it looks again.
 *
 * @param directory    the feed directory (CONTRACT section 5 formats, any depth), as a path string so the
 *                     settings travel in the job graph
 * @param pollInterval pause between two looks at the directory
 * @param filesPerPoll at most this many new or changed files are read in one poll, so a huge first load
 *                     (ossf/malicious-packages has hundreds of thousands of files) never sits in memory whole
 */
public record FeedDirectorySettings(String directory, Duration pollInterval, int filesPerPoll)
        implements Serializable {

    public static final int DEFAULT_FILES_PER_POLL = 1_000;

    public FeedDirectorySettings {
        Objects.requireNonNull(directory, "directory");
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be > 0, was " + pollInterval);
        }
        if (filesPerPoll < 1) {
            throw new IllegalArgumentException("filesPerPoll must be >= 1, was " + filesPerPoll);
        }
    }

    public static FeedDirectorySettings of(Path directory, Duration pollInterval) {
        return new FeedDirectorySettings(directory.toAbsolutePath().normalize().toString(), pollInterval,
                DEFAULT_FILES_PER_POLL);
    }

    Path root() {
        return Path.of(directory);
    }
}
