package io.iocstream.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.match.ScanRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;

/**
 * Marks each scanned commit on GitHub from the scan records: a commit status, or a check run when the job writes as
 * a GitHub App ({@link StatusSettings}). Run it with parallelism 1: GitHub's content-creation limits are per account,
 * and one queue is what lets failures go first. Marks not yet sent are kept in each checkpoint, so a restored job
 * sends them (one in flight at the checkpoint may be sent twice: the later status of a context replaces the
 * earlier). At the end of a bounded input the sink waits until every mark is sent.
 *
 * <p>Metrics (operator scope): {@code commitMarksQueued}, {@code commitMarksSent}, {@code commitMarksRefused}
 * (GitHub refused them for good: logged) and {@code commitMarksDeferred} (attempts put back after a limit or an
 * error).
 */
public final class CommitStatusSink implements Sink<ScanRecord>, SupportsWriterState<ScanRecord, CommitMark> {

    private final StatusSettings settings;

    public CommitStatusSink(StatusSettings settings) {
        this.settings = settings;
    }

    @Override
    public StatefulSinkWriter<ScanRecord, CommitMark> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<ScanRecord, CommitMark> restoreWriter(WriterInitContext context,
            Collection<CommitMark> pending) {
        return new Writer(CommitMarkSender.start(settings), pending, context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<CommitMark> getWriterStateSerializer() {
        return new MarkSerializer();
    }

    /** Turns scan records into marks and hands them to the sender. */
    static final class Writer implements StatefulSinkWriter<ScanRecord, CommitMark> {
        private final CommitMarkSender sender;
        private long arrivals;

        Writer(CommitMarkSender sender, Collection<CommitMark> restored, MetricGroup metrics) {
            this.sender = sender;
            for (CommitMark mark : restored) {
                sender.add(mark);
                arrivals = Math.max(arrivals, mark.arrival() + 1);
            }
            metrics.gauge("commitMarksQueued", sender::queued);
            metrics.gauge("commitMarksSent", sender::sent);
            metrics.gauge("commitMarksRefused", sender::refused);
            metrics.gauge("commitMarksDeferred", sender::deferred);
        }

        @Override
        public void write(ScanRecord scan, Context context) {
            if (CommitMark.marks(scan)) {
                sender.add(CommitMark.of(scan, arrivals++));
            }
        }

        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            if (endOfInput) {
                sender.awaitDrained();
            }
        }

        @Override
        public List<CommitMark> snapshotState(long checkpointId) {
            return new ArrayList<>(sender.pending());
        }

        @Override
        public void close() {
            sender.close();
        }
    }

    /** A pending mark as JSON: version 1. */
    static final class MarkSerializer implements SimpleVersionedSerializer<CommitMark> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(CommitMark mark) throws IOException {
            return JSON.writeValueAsBytes(mark);
        }

        @Override
        public CommitMark deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown commit mark version " + version);
            }
            return JSON.readValue(serialized, CommitMark.class);
        }
    }
}
