package io.iocstream.feeds;

import io.iocstream.source.PollingSource;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * IOC feeds fetched from their publishers over HTTP, so that new entries arrive without anyone's cron job: CSV and
 * TXT lists read again when their ETag changes, and OSV's export per ecosystem (all of it once, then the entries
 * {@code modified_id.csv} names as modified). An unbounded source of {@link FeedUpdate}s like
 * {@link FeedDirectorySource}: first every feed, then {@link FeedUpdate#initialLoadDone()}, then what changes
 * (hunted at once in every inventory). ETags and OSV cursors are checkpointed split state. docs/feeds.md.
 */
public final class HttpFeedSource {

    private HttpFeedSource() {}

    public static PollingSource<FeedUpdate, HttpFeedPosition> create(HttpFeedSettings settings) {
        return new PollingSource<>("feed-http", TypeInformation.of(FeedUpdate.class),
                new HttpFeedPoller.Factory(settings), HttpFeedPosition::new, HttpFeedPosition.CODEC);
    }
}
