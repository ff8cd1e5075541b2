package io.iocstream.findings;

import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Findings as JSON Lines files for analysts, one folder a day ({@code BASE/day=2026-12-06/}, the UTC day of the
 * finding's {@code detected_at}), and dead letters the same way under {@code BASE/dead-letters/} (by the day they
 * were written). Files roll on every checkpoint and are renamed into place only when it completes: a visible file
 * is complete, and what is still being written is a hidden {@code .inprogress} file. Scan records go under
 * {@code BASE/scans/} the same way.
 */
public final class DayFolders {

    static final String PREFIX = "day=";

    private DayFolders() {}

    public static FileSink<Finding> findings(String base) {
        return FileSink.forRowFormat(new Path(base), new JsonLine<Finding>())
                .withBucketAssigner(new DetectedDay())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("findings").withPartSuffix(".jsonl")
                        .build())
                .build();
    }

    public static FileSink<DeadLetter> deadLetters(String base) {
        return FileSink.forRowFormat(new Path(new Path(base), "dead-letters"), new JsonLine<DeadLetter>())
                .withBucketAssigner(new WrittenDay<DeadLetter>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("dead-letters")
                        .withPartSuffix(".jsonl").build())
                .build();
    }

    /** Scan records under {@code BASE/scans/}, by the day they were written. */
    public static FileSink<ScanRecord> scans(String base) {
        return FileSink.forRowFormat(new Path(new Path(base), "scans"), new JsonLine<ScanRecord>())
                .withBucketAssigner(new WrittenDay<ScanRecord>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("scans").withPartSuffix(".jsonl")
                        .build())
                .build();
    }

    /** The folder of one UTC day. */
    static String folder(long epochMillis) {
        return PREFIX + LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /** A record as one JSON line. */
    static final class JsonLine<T> implements Encoder<T> {
        @Override
        public void encode(T record, OutputStream out) throws IOException {
            out.write(JsonLines.bytes(record));
            out.write('\n');
        }
    }

    /** The day a finding was made, so a day's folder holds that day's findings whenever they were written. */
    static final class DetectedDay implements BucketAssigner<Finding, String> {
        @Override
        public String getBucketId(Finding finding, Context context) {
            try {
                return folder(Instant.parse(finding.detectedAt()).toEpochMilli());
            } catch (DateTimeParseException | NullPointerException e) {
                // the matcher always stamps an instant; were one missing, the finding still lands somewhere
                return folder(context.currentProcessingTime());
            }
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }

    /** The day a record was written: a dead letter carries no time of its own. */
    static final class WrittenDay<T> implements BucketAssigner<T, String> {
        @Override
        public String getBucketId(T record, Context context) {
            return folder(context.currentProcessingTime());
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }
}
