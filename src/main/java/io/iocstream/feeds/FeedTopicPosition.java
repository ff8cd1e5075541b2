package io.iocstream.feeds;

import io.iocstream.source.PositionCodec;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the feed topic source has emitted: the next offset of each partition, the end offsets the topic had when the
 * job first started (the initial load ends there), and whether that end was announced. Changed in place by the
 * reader as chunks go out.
 */
public final class FeedTopicPosition {

    /** The checkpoint form of a position. */
    public static final PositionCodec<FeedTopicPosition> CODEC = new Codec();

    private final Map<Integer, Long> offsets = new TreeMap<>();
    private Map<Integer, Long> loadEnd;
    private boolean initialLoadAnnounced;

    /** The next offset to read in {@code partition}, or null when nothing of it was read. */
    Long offset(int partition) {
        return offsets.get(partition);
    }

    /** The end offsets of the initial load, or null before the first poll took them. */
    Map<Integer, Long> loadEnd() {
        return loadEnd;
    }

    public boolean initialLoadAnnounced() {
        return initialLoadAnnounced;
    }

    FeedTopicPosition loadingUntil(Map<Integer, Long> ends) {
        loadEnd = new TreeMap<>(ends);
        return this;
    }

    FeedTopicPosition at(int partition, long nextOffset) {
        offsets.put(partition, nextOffset);
        return this;
    }

    FeedTopicPosition announced() {
        initialLoadAnnounced = true;
        return this;
    }

    private static final class Codec implements PositionCodec<FeedTopicPosition> {
        @Override
        public void write(FeedTopicPosition position, DataOutputView out) throws IOException {
            out.writeBoolean(position.initialLoadAnnounced);
            writeOffsets(position.offsets, out);
            out.writeBoolean(position.loadEnd != null);
            if (position.loadEnd != null) {
                writeOffsets(position.loadEnd, out);
            }
        }

        @Override
        public FeedTopicPosition read(DataInputView in) throws IOException {
            FeedTopicPosition position = new FeedTopicPosition();
            position.initialLoadAnnounced = in.readBoolean();
            position.offsets.putAll(readOffsets(in));
            if (in.readBoolean()) {
                position.loadEnd = readOffsets(in);
            }
            return position;
        }

        private static void writeOffsets(Map<Integer, Long> offsets, DataOutputView out) throws IOException {
            out.writeInt(offsets.size());
            for (Map.Entry<Integer, Long> offset : offsets.entrySet()) {
                out.writeInt(offset.getKey());
                out.writeLong(offset.getValue());
            }
        }

        private static Map<Integer, Long> readOffsets(DataInputView in) throws IOException {
            Map<Integer, Long> offsets = new TreeMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                offsets.put(in.readInt(), in.readLong());
            }
            return offsets;
        }
    }
}
