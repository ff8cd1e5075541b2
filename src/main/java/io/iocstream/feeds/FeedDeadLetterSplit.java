package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import io.iocstream.core.RecordGuard;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Takes the feed's dead letters out of the feed stream before it is broadcast: they go to the
 * {@link DeadLetter#TAG} side output, every other update passes on in order. The counts of entries of unsupported
 * ecosystems end here too, as feed metrics ({@link UnsupportedEntryCounters}).
 */
public class FeedDeadLetterSplit extends ProcessFunction<FeedUpdate, FeedUpdate> {

    private transient RecordGuard guard;
    private transient UnsupportedEntryCounters unsupported;

    @Override
    public void open(OpenContext openContext) {
        guard = RecordGuard.of("feed", getRuntimeContext());
        unsupported = new UnsupportedEntryCounters(JobMetrics.group(getRuntimeContext()));
    }

    @Override
    public void processElement(FeedUpdate update, Context ctx, Collector<FeedUpdate> out) {
        guard.run(() -> split(update, ctx, out), update::origin, update::toString,
                deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
    }

    private void split(FeedUpdate update, Context ctx, Collector<FeedUpdate> out) {
        if (update.type() == FeedUpdate.Type.DEAD_LETTER) {
            ctx.output(DeadLetter.TAG, update.deadLetter());
        } else if (update.type() == FeedUpdate.Type.UNSUPPORTED_ENTRIES) {
            unsupported.add(update.unsupported());
        } else {
            out.collect(update);
        }
    }
}
