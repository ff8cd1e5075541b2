package io.iocstream.pipeline;

import io.iocstream.core.JobMetrics;
import io.iocstream.feeds.Severity;
import io.iocstream.match.Finding;
import io.iocstream.match.FindingStatus;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts the findings the matcher emits, by status and severity (metric {@value JobMetrics#FINDINGS}), and passes
 * them on unchanged. Every status and severity is registered up front, so a dashboard shows zeros rather than no
 * series before the first finding.
 */
public class FindingCounter extends RichMapFunction<Finding, Finding> {

    private transient MetricGroup group;
    private transient Map<String, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        group = JobMetrics.group(getRuntimeContext());
        counters = new HashMap<>();
        for (FindingStatus status : FindingStatus.values()) {
            for (Severity severity : Severity.values()) {
                counter(status.wire(), severity.wire());
            }
        }
    }

    @Override
    public Finding map(Finding finding) {
        counter(finding.status(), finding.severity()).inc();
        return finding;
    }

    private Counter counter(String status, String severity) {
        return counters.computeIfAbsent(status + " " + severity, key -> group
                .addGroup(JobMetrics.STATUS, status)
                .addGroup(JobMetrics.SEVERITY, severity)
                .counter(JobMetrics.FINDINGS));
    }
}
