package io.iocstream.ingest;

import io.iocstream.source.PositionCodec;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Where the repository listing stands: the target (organisation, or the installation) and page being requested,
 * how many repositories of that page are requested already, how many in this listing, and when the last listing
 * ended. A restored source fetches the page again and goes on after the repositories it had requested, never from
 * page one. Changed in place by the reader as chunks go out; the poller only reads a copy.
 */
public final class OrgRepositoriesPosition {

    /** The checkpoint form of a position. */
    public static final PositionCodec<OrgRepositoriesPosition> CODEC = new Codec();

    private String target;
    private String pageUrl;
    private int doneOnPage;
    private long requested;
    private long lastListingEndedAt;

    /** The target being listed; null between two listings. */
    public String target() {
        return target;
    }

    /** The URL of the page being requested (from the last page's {@code Link}); null for a target's first page. */
    public String pageUrl() {
        return pageUrl;
    }

    public int doneOnPage() {
        return doneOnPage;
    }

    /** Baselines requested in the listing under way (or the last one). */
    public long requested() {
        return requested;
    }

    /** Epoch millis when the last listing ended; 0 before the first ended. */
    public long lastListingEndedAt() {
        return lastListingEndedAt;
    }

    /** A listing starts at the first page of {@code firstTarget}. */
    public OrgRepositoriesPosition started(String firstTarget) {
        target = firstTarget;
        pageUrl = null;
        doneOnPage = 0;
        requested = 0;
        return this;
    }

    /** One more repository of the page has its baseline requested. */
    public OrgRepositoriesPosition requestedOne() {
        doneOnPage++;
        requested++;
        return this;
    }

    public OrgRepositoriesPosition nextPage(String url) {
        pageUrl = url;
        doneOnPage = 0;
        return this;
    }

    public OrgRepositoriesPosition nextTarget(String next) {
        target = next;
        pageUrl = null;
        doneOnPage = 0;
        return this;
    }

    public OrgRepositoriesPosition ended(long epochMillis) {
        target = null;
        pageUrl = null;
        doneOnPage = 0;
        lastListingEndedAt = epochMillis;
        return this;
    }

    private static final class Codec implements PositionCodec<OrgRepositoriesPosition> {
        @Override
        public void write(OrgRepositoriesPosition position, DataOutputView out) throws IOException {
            writeNullable(position.target, out);
            writeNullable(position.pageUrl, out);
            out.writeInt(position.doneOnPage);
            out.writeLong(position.requested);
            out.writeLong(position.lastListingEndedAt);
        }

        @Override
        public OrgRepositoriesPosition read(DataInputView in) throws IOException {
            OrgRepositoriesPosition position = new OrgRepositoriesPosition();
            position.target = readNullable(in);
            position.pageUrl = readNullable(in);
            position.doneOnPage = in.readInt();
            position.requested = in.readLong();
            position.lastListingEndedAt = in.readLong();
            return position;
        }

        private static void writeNullable(String value, DataOutputView out) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeUTF(value);
            }
        }

        private static String readNullable(DataInputView in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    }
}
