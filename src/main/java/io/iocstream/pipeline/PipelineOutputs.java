package io.iocstream.pipeline;

import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The two ends of the pipeline that callers attach sinks to. */
public record PipelineOutputs(DataStream<Finding> findings, DataStream<DeadLetter> deadLetters) {

    /** Both ends as one stream, for a sink that takes them together (a local run's collector). */
    public DataStream<RunOutput> merged() {
        TypeInformation<RunOutput> type = TypeInformation.of(RunOutput.class);
        return findings.map(RunOutput::of, type).name("findings-out")
                .union(deadLetters.map(RunOutput::of, type).name("dead-letters-out"));
    }
}
