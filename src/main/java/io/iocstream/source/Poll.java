package io.iocstream.source;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one poll found: chunks to emit in order, and how long after the poll began the next may start.
 *
 * @param nextPollIn measured from the start of this poll
 */
public record Poll<T, P>(List<Chunk<T, P>> chunks, Duration nextPollIn) {

    public Poll {
        chunks = List.copyOf(chunks);
    }

    /** Nothing to emit and no position change; poll again after {@code wait}. */
    public static <T, P> Poll<T, P> idle(Duration wait) {
        return new Poll<>(List.of(), wait);
    }

    /**
     * Records emitted together, in one {@code pollNext} call, so keep it small; then {@code advance} moves the
     * position (it may update the position in place and return it). A chunk with no records only moves the
     * position.
     */
    public record Chunk<T, P>(List<T> records, UnaryOperator<P> advance) {

        public Chunk {
            records = List.copyOf(records);
        }
    }
}
