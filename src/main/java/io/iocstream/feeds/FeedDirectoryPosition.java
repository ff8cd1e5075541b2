package io.iocstream.feeds;

import io.iocstream.source.PositionCodec;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the live feed source has emitted: the fingerprint of every feed file whose entries are out, and whether
 * the end of the initial load was announced. Changed in place by the reader as chunks go out.
 */
public final class FeedDirectoryPosition {

    /** The checkpoint form of a position. */
    public static final PositionCodec<FeedDirectoryPosition> CODEC = new Codec();

    private final Map<String, FeedFingerprint> files = new TreeMap<>();
    private boolean initialLoadAnnounced;

    public boolean initialLoadAnnounced() {
        return initialLoadAnnounced;
    }

    /** The fingerprint of the file at {@code feed} (a path relative to the directory), or null when never read. */
    public FeedFingerprint file(String feed) {
        return files.get(feed);
    }

    public Set<String> feeds() {
        return files.keySet();
    }

    FeedDirectoryPosition read(String feed, FeedFingerprint fingerprint) {
        files.put(feed, fingerprint);
        return this;
    }

    FeedDirectoryPosition removed(String feed) {
        files.remove(feed);
        return this;
    }

    FeedDirectoryPosition announced() {
        initialLoadAnnounced = true;
        return this;
    }

    private static final class Codec implements PositionCodec<FeedDirectoryPosition> {
        @Override
        public void write(FeedDirectoryPosition position, DataOutputView out) throws IOException {
            out.writeBoolean(position.initialLoadAnnounced);
            out.writeInt(position.files.size());
            for (Map.Entry<String, FeedFingerprint> file : position.files.entrySet()) {
                out.writeUTF(file.getKey());
                out.writeLong(file.getValue().size());
                out.writeLong(file.getValue().modifiedMillis());
                out.writeUTF(file.getValue().sha256());
            }
        }

        @Override
        public FeedDirectoryPosition read(DataInputView in) throws IOException {
            FeedDirectoryPosition position = new FeedDirectoryPosition();
            position.initialLoadAnnounced = in.readBoolean();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                position.files.put(in.readUTF(), new FeedFingerprint(in.readLong(), in.readLong(), in.readUTF()));
            }
            return position;
        }
    }
}
