package io.iocstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's graph as the configuration asks, under flink-conf's {@code pipeline.auto-generate-uids: false}: every
 * operator has a fixed uid (Flink refuses the graph otherwise), so savepoints survive upgrades.
 */
class IocStreamJobTest {

    @TempDir
    Path dir;

    @Test
    void theShippedExampleBuildsWithEverySourceAndSinkUnderFixedUids() {
        JobConfig config = JobConfigReader.read(Path.of("flink-conf/job.yaml"), Map.of("GITHUB_TOKEN", "t")::get);

        StreamGraph graph = graph(config);

        assertThat(uids(graph)).contains("kafka-events", "org-events-acme", "org-repositories", "feed-directory",
                "feed-topic", "feed-load-barrier", "ingest", "match", "findings-kafka", "dead-letters-kafka",
                "findings-files", "dead-letters-files", "alert-routing", "alert-planner", "alerts");
    }

    @Test
    void withoutFeedsTheMatcherIsToldAtOnceThatNoneWillCome() throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), """
                sources:
                  org_events: [{org: acme}]
                github: {token_env: T}
                feeds: {allow_none: true}
                sinks:
                  files: {path: /tmp/out}
                """);
        JobConfig config = JobConfigReader.read(file, Map.of("T", "t")::get);

        assertThat(uids(graph(config))).contains("no-feeds").doesNotContain("feed-directory", "feed-topic",
                "feed-load-barrier", "findings-kafka", "alerts");
    }

    @Test
    void anOperatorWithoutAUidIsRefused() {
        // the rule the tests above rely on: Flink does refuse a graph with an operator that has none
        StreamExecutionEnvironment env = environment();
        env.fromSequence(1, 2).uid("numbers").map(n -> n + 1).print().uid("print");
        assertThatThrownBy(env::getStreamGraph).hasMessageContaining("UID");
    }

    private static StreamGraph graph(JobConfig config) {
        StreamExecutionEnvironment env = environment();
        new IocStreamJob(config).addTo(env);
        return env.getStreamGraph();
    }

    private static StreamExecutionEnvironment environment() {
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }

    private static Iterable<String> uids(StreamGraph graph) {
        return StreamSupport.stream(graph.getStreamNodes().spliterator(), false).map(StreamNode::getTransformationUID)
                .filter(java.util.Objects::nonNull).toList();
    }
}
