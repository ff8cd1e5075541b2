package io.iocstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A spooled file is a path on the task manager that fetched it, so the parser must run in the same task, chained
 * to the fetch: in the job's graph, for each fetch strategy, the operator that hands fetched files on and the parser
 * are one vertex.
 */
class SpoolChainTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"adaptive", "sequential"})
    void theParserIsChainedToTheFetchThatSpools(String strategy) throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), """
                sources:
                  org_events: [{org: acme}]
                github: {token_env: T}
                feeds: {allow_none: true}
                fetch: {strategy: %s}
                sinks:
                  files: {path: /tmp/out}
                """.formatted(strategy));
        JobConfig config = JobConfigReader.read(file, Map.of("T", "t")::get);
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        new IocStreamJob(config).addTo(env);

        List<String> vertices = StreamSupport.stream(env.getStreamGraph().getJobGraph().getVertices().spliterator(),
                false).map(JobVertex::getName).toList();

        String handsOn = strategy.equals("sequential") ? "fetch" : "record-fetch";
        // a vertex is named by its chain, "a -> b -> (c, d)"
        assertThat(vertices).anySatisfy(name -> assertThat(" " + name).contains(" " + handsOn + " -> parse"));
    }
}
