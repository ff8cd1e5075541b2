package io.iocstream.match;

import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.IocEntry;
import io.iocstream.parse.InventoryUpdate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The {@link InventoryMatcher} in Flink's operator test harness, keyed by branch as the pipeline keys it, with the
 * IOC feed as its broadcast input: what the matcher's tests drive.
 */
final class MatcherHarness {

    private MatcherHarness() {}

    /** An open matcher with no IOCs yet and the initial load not done. */
    static KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness()
            throws Exception {
        return harness(null);
    }

    /** An open matcher, restored from {@code restoreFrom} unless it is null. */
    static KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new InventoryMatcher(),
                        List.of(InventoryMatcher.IOC_INDEX, InventoryMatcher.FEED_STATUS)),
                InventoryUpdate::branchKey, null, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    /** An open matcher that has loaded {@code entries} as its initial feed and been told the load is done. */
    static KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> loaded(
            IocEntry... entries) throws Exception {
        var harness = harness();
        for (IocEntry entry : entries) {
            harness.processElement2(FeedUpdate.entry(entry), 0);
        }
        harness.processElement2(FeedUpdate.initialLoadDone(), 0);
        return harness;
    }
}
