package io.iocstream.source;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * An unbounded FLIP-27 source with one split that polls something outside Flink: the {@link Poller} says what is
 * new, the split state holds the position (what was already emitted), so a restore neither repeats nor loses
 * records. One split means one reading subtask; run it with parallelism 1.
 */
public final class PollingSource<T, P> implements Source<T, PollingSplit<P>, List<PollingSplit<P>>>,
        ResultTypeQueryable<T> {

    private final String name;
    private final TypeInformation<T> type;
    private final PollerFactory<T, P> poller;
    private final SerializableSupplier<P> startPosition;
    private final PositionCodec<P> codec;

    /**
     * @param name          names the split and the poll thread
     * @param startPosition the position of a job that starts without state
     */
    public PollingSource(String name, TypeInformation<T> type, PollerFactory<T, P> poller,
            SerializableSupplier<P> startPosition, PositionCodec<P> codec) {
        this.name = name;
        this.type = type;
        this.poller = poller;
        this.startPosition = startPosition;
        this.codec = codec;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<PollingSplit<P>, List<PollingSplit<P>>> createEnumerator(
            SplitEnumeratorContext<PollingSplit<P>> context) {
        return new PollingEnumerator<>(context, List.of(new PollingSplit<>(name, startPosition.get())));
    }

    @Override
    public SplitEnumerator<PollingSplit<P>, List<PollingSplit<P>>> restoreEnumerator(
            SplitEnumeratorContext<PollingSplit<P>> context, List<PollingSplit<P>> checkpoint) {
        return new PollingEnumerator<>(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<PollingSplit<P>> getSplitSerializer() {
        return new PollingSplitSerializer<>(codec);
    }

    @Override
    public SimpleVersionedSerializer<List<PollingSplit<P>>> getEnumeratorCheckpointSerializer() {
        return new PollingSplitSerializer.Pending<>(codec);
    }

    @Override
    public SourceReader<T, PollingSplit<P>> createReader(SourceReaderContext readerContext) {
        return new PollingReader<>(poller, codec, name, readerContext);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    /** The position a fresh start polls from; for tests that restore a split by hand. */
    public P startPosition() {
        return startPosition.get();
    }

    /** The serializer Flink uses for this source's split state; for tests of a restore. */
    public PositionCodec<P> codec() {
        return codec;
    }
}
