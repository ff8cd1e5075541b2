package io.iocstream.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands the single split to a reader, and takes it back when that reader fails before a checkpoint. */
final class PollingEnumerator<P> implements SplitEnumerator<PollingSplit<P>, List<PollingSplit<P>>> {

    private final SplitEnumeratorContext<PollingSplit<P>> context;
    private final List<PollingSplit<P>> pending;

    PollingEnumerator(SplitEnumeratorContext<PollingSplit<P>> context, List<PollingSplit<P>> pending) {
        this.context = context;
        this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignTo(subtaskId);
    }

    @Override
    public void addSplitsBack(List<PollingSplit<P>> splits, int subtaskId) {
        pending.addAll(splits);
        // the failed reader comes back through addReader; any other live reader may take it now
        context.registeredReaders().keySet().stream().filter(id -> id != subtaskId).findFirst()
                .ifPresent(this::assignTo);
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    private void assignTo(int subtaskId) {
        if (!pending.isEmpty() && context.registeredReaders().containsKey(subtaskId)) {
            // one split in all: readers beyond the first simply stay idle
            context.assignSplit(pending.remove(0), subtaskId);
        }
    }

    @Override
    public List<PollingSplit<P>> snapshotState(long checkpointId) {
        return List.copyOf(pending);
    }

    @Override
    public void close() {}
}
