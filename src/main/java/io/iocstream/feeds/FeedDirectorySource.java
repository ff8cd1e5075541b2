package io.iocstream.feeds;

import io.iocstream.source.PollingSource;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * The live IOC feed: an unbounded source of {@link FeedUpdate}s from a feed directory. First every entry of the
 * directory, then {@link FeedUpdate#initialLoadDone()}, then, every poll interval, the entries of new or changed
 * files (an OSV file now withdrawn gives its withdrawn entry). File fingerprints and whether the initial load was
 * announced are checkpointed split state, so a restart neither announces twice nor misses a change.
 */
public final class FeedDirectorySource {

    private FeedDirectorySource() {}

    public static PollingSource<FeedUpdate, FeedDirectoryPosition> create(FeedDirectorySettings settings) {
        return new PollingSource<>("feed-directory", TypeInformation.of(FeedUpdate.class),
                new FeedDirectoryPoller.Factory(settings), new FreshPosition(), FeedDirectoryPosition.CODEC);
    }

    /** Where a job without state starts: no file read, nothing announced. */
    record FreshPosition() implements SerializableSupplier<FeedDirectoryPosition> {
        @Override
        public FeedDirectoryPosition get() {
            return new FeedDirectoryPosition();
        }
    }
}
