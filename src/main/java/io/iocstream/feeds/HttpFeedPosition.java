package io.iocstream.feeds;

import io.iocstream.source.PositionCodec;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the HTTP feed source has emitted: each list's ETag as of its last read (empty when the server sent none), each
 * OSV ecosystem's cursor (the newest {@code modified} time of {@code modified_id.csv} whose entries are out), and
 * whether the end of the initial load was announced. Changed in place by the reader as chunks go out.
 */
public final class HttpFeedPosition {

    /** The checkpoint form of a position. */
    public static final PositionCodec<HttpFeedPosition> CODEC = new Codec();

    private final Map<String, String> etags = new TreeMap<>();
    private final Map<String, String> cursors = new TreeMap<>();
    private boolean initialLoadAnnounced;

    public boolean initialLoadAnnounced() {
        return initialLoadAnnounced;
    }

    /** The ETag of the list at {@code url} when last read, "" when it had none, null when never read. */
    public String etag(String url) {
        return etags.get(url);
    }

    /** The newest modification time whose entries are out for {@code ecosystem}, or null before its export is read. */
    public String cursor(String ecosystem) {
        return cursors.get(ecosystem);
    }

    HttpFeedPosition read(String url, String etag) {
        etags.put(url, etag == null ? "" : etag);
        return this;
    }

    HttpFeedPosition modifiedUntil(String ecosystem, String cursor) {
        cursors.put(ecosystem, cursor);
        return this;
    }

    HttpFeedPosition announced() {
        initialLoadAnnounced = true;
        return this;
    }

    private static final class Codec implements PositionCodec<HttpFeedPosition> {
        @Override
        public void write(HttpFeedPosition position, DataOutputView out) throws IOException {
            out.writeBoolean(position.initialLoadAnnounced);
            writeMap(position.etags, out);
            writeMap(position.cursors, out);
        }

        @Override
        public HttpFeedPosition read(DataInputView in) throws IOException {
            HttpFeedPosition position = new HttpFeedPosition();
            position.initialLoadAnnounced = in.readBoolean();
            readMap(position.etags, in);
            readMap(position.cursors, in);
            return position;
        }

        private static void writeMap(Map<String, String> map, DataOutputView out) throws IOException {
            out.writeInt(map.size());
            for (Map.Entry<String, String> entry : map.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
        }

        private static void readMap(Map<String, String> map, DataInputView in) throws IOException {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                map.put(in.readUTF(), in.readUTF());
            }
        }
    }
}
