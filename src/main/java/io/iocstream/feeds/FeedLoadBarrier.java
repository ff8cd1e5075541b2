package io.iocstream.feeds;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins the updates of several feed sources (a feed directory and a feed topic) into one feed stream: every update
 * passes, but {@link FeedUpdate#initialLoadDone()} only once each source has sent its own, because pushes are judged
 * from that moment on and must not meet a half-loaded index. Run with parallelism 1; the count is checkpointed.
 */
public final class FeedLoadBarrier extends ProcessFunction<FeedUpdate, FeedUpdate> implements CheckpointedFunction {

    private final int sources;
    private transient ListState<Integer> announcedState;
    private int announced;

    public FeedLoadBarrier(int sources) {
        this.sources = sources;
    }

    @Override
    public void processElement(FeedUpdate update, Context ctx, Collector<FeedUpdate> out) {
        if (update.type() != FeedUpdate.Type.INITIAL_LOAD_DONE) {
            out.collect(update);
            return;
        }
        announced++;
        if (announced == sources) {
            out.collect(update);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        announcedState.update(List.of(announced));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        announcedState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("initial-loads-announced", Types.INT));
        for (Integer count : announcedState.get()) {
            announced += count;
        }
    }
}
