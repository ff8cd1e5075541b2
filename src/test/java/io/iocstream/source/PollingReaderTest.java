package io.iocstream.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.junit.jupiter.api.Test;

/** The reader's promise to checkpoints: a snapshot between two pollNext calls holds exactly what was emitted. */
class PollingReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One chunk of three records, as one feed file's batches and dead letters are; the position counts chunks. */
    static final class OneChunk implements Poller<String, Integer> {
        @Override
        public Poll<String, Integer> poll(Integer chunksDone) {
            if (chunksDone > 0) {
                return Poll.idle(Duration.ofMillis(20));
            }
            return new Poll<>(List.of(new Poll.Chunk<>(List.of("a", "b", "c"), done -> done + 1)),
                    Duration.ofMillis(20));
        }

        @Override
        public Duration afterFailure() {
            return Duration.ofMillis(20);
        }
    }

    static final class IntCodec implements PositionCodec<Integer> {
        @Override
        public void write(Integer position, DataOutputView out) throws java.io.IOException {
            out.writeInt(position);
        }

        @Override
        public Integer read(DataInputView in) throws java.io.IOException {
            return in.readInt();
        }
    }

    @Test
    void aCheckpointAfterTheFirstRecordOfAChunkIsNotRepeatedOnRestore() throws Exception {
        CollectingOutput<String> beforeCheckpoint = new CollectingOutput<>();
        PollingSplit<Integer> checkpoint;
        try (PollingReader<String, Integer> reader = reader(0)) {
            // the source operator may snapshot between any two pollNext calls
            ReaderDriver.until(reader, beforeCheckpoint, 1, TIMEOUT);
            checkpoint = reader.snapshotState(1).get(0);
        }

        CollectingOutput<String> afterRestore = new CollectingOutput<>();
        try (PollingReader<String, Integer> restored = reader(checkpoint.position())) {
            ReaderDriver.runFor(restored, afterRestore, Duration.ofMillis(300));
        }

        List<String> emitted = new ArrayList<>(beforeCheckpoint.records());
        emitted.addAll(afterRestore.records());
        assertThat(emitted).containsExactly("a", "b", "c");
    }

    @Test
    void aSplitRestoredBeforeTheReaderStartsIsPolledOnceItStarts() throws Exception {
        // Flink's SourceOperator.open hands a restored reader its splits first and starts it after
        CollectingOutput<String> restored = new CollectingOutput<>();
        try (PollingReader<String, Integer> reader = new PollingReader<>(OneChunk::new, new IntCodec(), "test", null)) {
            reader.addSplits(List.of(new PollingSplit<>("test", 0)));
            reader.start();
            ReaderDriver.until(reader, restored, 3, TIMEOUT);
        }
        assertThat(restored.records()).containsExactly("a", "b", "c");
    }

    private static PollingReader<String, Integer> reader(int position) {
        PollingReader<String, Integer> reader = new PollingReader<>(OneChunk::new, new IntCodec(), "test", null);
        reader.start();
        reader.addSplits(List.of(new PollingSplit<>("test", position)));
        return reader;
    }
}
