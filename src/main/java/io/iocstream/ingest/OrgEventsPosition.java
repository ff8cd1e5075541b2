package io.iocstream.ingest;

import io.iocstream.source.PositionCodec;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Where the org events poller stands: the ETag of the last first page it fully emitted, the ids of the most
 * recent events it has seen (oldest first, bounded), and the earliest time it may poll again. Changed in place by
 * the reader as chunks go out; the poller only reads a copy.
 */
public final class OrgEventsPosition {

    /** The checkpoint form of a position. */
    public static final PositionCodec<OrgEventsPosition> CODEC = new Codec();

    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private String etag;
    private long notBeforeEpochMillis;

    public OrgEventsPosition(int capacity) {
        this.capacity = capacity;
    }

    public String etag() {
        return etag;
    }

    public long notBeforeEpochMillis() {
        return notBeforeEpochMillis;
    }

    public boolean hasSeen(String eventId) {
        return seen.contains(eventId);
    }

    public int seenCount() {
        return seen.size();
    }

    /** Marks an event as emitted, forgetting the oldest id once more than the capacity are kept. */
    public OrgEventsPosition remember(String eventId) {
        if (seen.add(eventId) && seen.size() > capacity) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return this;
    }

    /** Marks a poll as fully emitted: its first page's ETag, and when the next poll may start. */
    public OrgEventsPosition polled(String firstPageEtag, long notBefore) {
        this.etag = firstPageEtag;
        this.notBeforeEpochMillis = notBefore;
        return this;
    }

    private static final class Codec implements PositionCodec<OrgEventsPosition> {
        @Override
        public void write(OrgEventsPosition position, DataOutputView out) throws IOException {
            out.writeInt(position.capacity);
            out.writeBoolean(position.etag != null);
            if (position.etag != null) {
                out.writeUTF(position.etag);
            }
            out.writeLong(position.notBeforeEpochMillis);
            out.writeInt(position.seen.size());
            for (String id : position.seen) {
                out.writeUTF(id);
            }
        }

        @Override
        public OrgEventsPosition read(DataInputView in) throws IOException {
            OrgEventsPosition position = new OrgEventsPosition(in.readInt());
            position.etag = in.readBoolean() ? in.readUTF() : null;
            position.notBeforeEpochMillis = in.readLong();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                position.seen.add(in.readUTF());
            }
            return position;
        }
    }
}
