package io.iocstream.cli;

import io.iocstream.core.DeadLetter;
import io.iocstream.job.IocStreamJob;
import io.iocstream.job.JobConfig;
import io.iocstream.job.JobConfigReader;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.PipelineOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production job ({@link IocStreamJob}: the org events poller and the feed directory, under their fixed uids)
 * over the bundled sample world, as the committed savepoints under {@code src/test/resources/savepoints} were taken
 * of it ({@link SavepointGenerator}) and as {@link SavepointRestoreIT} restores them. The first
 * {@value #PUSHES_BEFORE} event lines are there when the savepoint is taken, the rest come after the restore.
 * Outputs go to queues in this JVM through stateless sinks with fixed uids, so the savepoint holds only the job's
 * own state.
 */
final class SavepointWorld {

    /** The event lines the job had read when the savepoint was taken. */
    static final int PUSHES_BEFORE = 4;

    static final Queue<Finding> FINDINGS = new ConcurrentLinkedQueue<>();
    static final Queue<DeadLetter> DEAD_LETTERS = new ConcurrentLinkedQueue<>();

    private SavepointWorld() {}

    /** Unpacks the sample world into {@code dir} with only its first {@code lines} event lines. */
    static Path unpack(Path dir, int lines) throws IOException {
        Path world = SampleWorld.unpack(dir);
        Path events = world.resolve("events.ndjson");
        List<String> all = Files.readAllLines(events, StandardCharsets.UTF_8);
        Files.write(events, all.subList(0, lines), StandardCharsets.UTF_8);
        return world;
    }

    /** Appends the event lines after the first {@value #PUSHES_BEFORE}, as pushes made while the job was stopped. */
    static void pushTheRest(Path world) throws IOException {
        List<String> all = Files.readAllLines(SampleWorld.unpack(world.resolveSibling("full-world"))
                .resolve("events.ndjson"), StandardCharsets.UTF_8);
        Files.write(world.resolve("events.ndjson"), all, StandardCharsets.UTF_8);
    }

    /** The job on {@code env}: the world's organisation polled at the simulator, its feed directory, these sinks. */
    static void addTo(StreamExecutionEnvironment env, Path world, String simulatorUrl, Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), """
                sources:
                  org_events: [{org: acme, poll_interval: 200ms}]
                github: {api_base_url: '%s', token_env: SIM_TOKEN}
                feeds: {directory: '%s', poll_interval: 200ms}
                sinks:
                  files: {path: '%s'}
                """.formatted(simulatorUrl, world.resolve("iocs"), dir.resolve("unused")));
        JobConfig config = JobConfigReader.read(file, Map.of("SIM_TOKEN", "unused")::get);
        PipelineOutputs outputs = new IocStreamJob(config).addSourcesAndPipeline(env);
        outputs.findings().sinkTo(new QueueSink<>(true)).name("findings-test").uid("findings-test");
        outputs.deadLetters().sinkTo(new QueueSink<>(false)).name("dead-letters-test").uid("dead-letters-test");
    }

    /**
     * Hands each record to {@link #FINDINGS} or {@link #DEAD_LETTERS} (the static queues: Flink ships a copy of the
     * sink to its task); holds no state.
     */
    private record QueueSink<T>(boolean findings) implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            @SuppressWarnings("unchecked")
            Queue<T> queue = (Queue<T>) (findings ? FINDINGS : DEAD_LETTERS);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    queue.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
