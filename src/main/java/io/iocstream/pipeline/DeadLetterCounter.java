package io.iocstream.pipeline;

import io.iocstream.core.DeadLetter;
import io.iocstream.core.JobMetrics;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Counts every dead letter by the stage that gave up on it (metric {@value JobMetrics#DEAD_LETTERS}). */
public class DeadLetterCounter extends RichMapFunction<DeadLetter, DeadLetter> {

    private transient MetricGroup group;
    private transient Map<String, Counter> byStage;

    @Override
    public void open(OpenContext openContext) {
        group = JobMetrics.group(getRuntimeContext());
        byStage = new HashMap<>();
    }

    @Override
    public DeadLetter map(DeadLetter deadLetter) {
        byStage.computeIfAbsent(String.valueOf(deadLetter.stage()),
                stage -> group.addGroup(JobMetrics.STAGE, stage).counter(JobMetrics.DEAD_LETTERS)).inc();
        return deadLetter;
    }
}
