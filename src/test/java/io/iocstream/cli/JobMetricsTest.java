package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.JobMetrics;
import io.iocstream.core.RunCounters;
import io.iocstream.feeds.FeedDirectory;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.pipeline.RunOutput;
import io.iocstream.throttle.ThrottleSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's metrics count what the pipeline really emits: the sample world replayed on a MiniCluster, its findings
 * and dead letters counted from the outputs, and the metrics of the {@code iocstream} group (summed over subtasks)
 * must say the same, by status and severity and by stage; the counts kept as both metric and accumulator agree.
 */
class JobMetricsTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberSlotsPerTaskManager(2)
                    .setConfiguration(METRICS.addToConfiguration(new Configuration())).build());

    @TempDir
    Path dir;

    @Test
    void findingsAndDeadLettersAreCountedByTheirLabels() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        List<String> lines = Files.readAllLines(world.resolve("events.ndjson"), StandardCharsets.UTF_8);
        List<FeedUpdate> feed = new ArrayList<>(FeedUpdate.of(FeedDirectory.read(world.resolve("iocs")), false, null));
        feed.add(FeedUpdate.initialLoadDone());

        Map<String, Long> findings = new HashMap<>();
        Map<String, Long> deadLetters = new HashMap<>();
        JobExecutionResult result;
        JobID jobId;
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            PipelineOutputs outputs = new IocStreamPipeline(FetchSettings.of(sim.baseUrl(), null,
                    FetchStrategy.ADAPTIVE), ThrottleSettings.defaults())
                    .build(env.fromData(lines).setParallelism(1), "events.ndjson",
                            env.fromData(feed, TypeInformation.of(FeedUpdate.class)));
            try (CloseableIterator<RunOutput> results = outputs.merged().collectAsync()) {
                JobClient job = env.executeAsync("metrics test");
                jobId = job.getJobID();
                results.forEachRemaining(output -> {
                    if (output.finding() != null) {
                        findings.merge(output.finding().status() + " " + output.finding().severity(), 1L, Long::sum);
                    } else {
                        deadLetters.merge(output.deadLetter().stage(), 1L, Long::sum);
                    }
                });
                result = job.getJobExecutionResult().get();
            }
        }

        assertThat(findings).as("the sample world has findings").isNotEmpty();
        assertThat(deadLetters).as("and a bad event line").containsKey("ingest");
        assertThat(counts(jobId, JobMetrics.FINDINGS, JobMetrics.STATUS, JobMetrics.SEVERITY)).isEqualTo(findings);
        assertThat(counts(jobId, JobMetrics.DEAD_LETTERS, JobMetrics.STAGE)).isEqualTo(deadLetters);
        assertThat(counts(jobId, JobMetrics.EVENTS_IN).get("")).isEqualTo(lines.size())
                .isEqualTo(result.<Long>getAccumulatorResult(RunCounters.EVENTS_IN));
        assertThat(counts(jobId, JobMetrics.FILES_FETCHED).get(""))
                .isEqualTo(result.<Long>getAccumulatorResult(RunCounters.FILES_FETCHED)).isPositive();
        assertThat(counts(jobId, JobMetrics.API_REQUESTS).get(""))
                .isEqualTo(result.<Long>getAccumulatorResult(RunCounters.API_REQUESTS)).isPositive();
    }

    /**
     * The job's counters called {@code name} in the {@value JobMetrics#GROUP} group, summed over subtasks by the
     * values of {@code labels} (joined by a space; "" without labels). Pre-registered series that stayed at 0 are
     * left out, as the outputs have no such entries.
     */
    private static Map<String, Long> counts(JobID jobId, String name, String... labels) {
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : METRICS.getMetricsByGroup().entrySet()) {
            Map<String, String> variables = group.getKey().getAllVariables();
            Metric metric = group.getValue().get(name);
            if (!jobId.toString().equals(variables.get("<job_id>")) || !(metric instanceof Counter counter)
                    || !group.getKey().getMetricIdentifier(name).contains("." + JobMetrics.GROUP + ".")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String label : labels) {
                values.add(variables.get("<" + label + ">"));
            }
            if (counter.getCount() > 0) {
                counts.merge(String.join(" ", values), counter.getCount(), Long::sum);
            }
        }
        return counts;
    }
}
