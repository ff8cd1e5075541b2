package io.iocstream.pipeline;

import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The ends of the pipeline that callers attach sinks to: findings, dead letters, and one scan record per scan
 * (what it read and found, {@link ScanRecord}).
 */
public record PipelineOutputs(DataStream<Finding> findings, DataStream<DeadLetter> deadLetters,
        DataStream<ScanRecord> scans) {

    /** Findings and dead letters as one stream, for a sink that takes them together (a local run's collector). */
    public DataStream<RunOutput> merged() {
        TypeInformation<RunOutput> type = TypeInformation.of(RunOutput.class);
        return findings.map(RunOutput::of, type).name("findings-out")
                .union(deadLetters.map(RunOutput::of, type).name("dead-letters-out"));
    }

    /** {@link #merged()} with the scan records too. */
    public DataStream<RunOutput> mergedWithScans() {
        TypeInformation<RunOutput> type = TypeInformation.of(RunOutput.class);
        return merged().union(scans.map(RunOutput::of, type).name("scans-out"));
    }
}
