package io.iocstream.match;

import io.iocstream.pipeline.DeadLetter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Takes the feed's dead letters out of the feed stream before it is broadcast: they go to the
 * {@link DeadLetter#TAG} side output, every other update passes on in order.
 */
public class FeedDeadLetterSplit extends ProcessFunction<FeedUpdate, FeedUpdate> {

    @Override
    public void processElement(FeedUpdate update, Context ctx, Collector<FeedUpdate> out) {
        if (update.type() == FeedUpdate.Type.DEAD_LETTER) {
            ctx.output(DeadLetter.TAG, update.deadLetter());
        } else {
            out.collect(update);
        }
    }
}
