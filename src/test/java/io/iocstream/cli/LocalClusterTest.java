package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.operators.coordination.CoordinationRequestGateway;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.collect.CollectCoordinationRequest;
import org.apache.flink.util.CloseableIterator;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local cluster under the logging configuration the jar ships (the tests otherwise log nothing). */
class LocalClusterTest {

    private final List<LogEvent> logged = new CopyOnWriteArrayList<>();

    @BeforeEach
    void shippedLogging() {
        Configurator.reconfigure(Path.of("src/main/resources/log4j2.properties").toUri());
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.toImmutable());
            }
        };
        capture.start();
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
    }

    @AfterEach
    void testLogging() {
        Configurator.reconfigure();
    }

    @Test
    void aResultFetchThatReachesAJustFinishedJobLogsNoError() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1)) {
            StreamExecutionEnvironment env = cluster.environment(1);
            CloseableIterator<Long> results = env.fromSequence(1, 3).collectAsync();
            JobClient job = env.executeAsync("finished");
            job.getJobExecutionResult().get();
            // what the collector's fetch does when the job ends between its check and its request (Flink's race)
            assertThatThrownBy(() -> ((CoordinationRequestGateway) job)
                    .sendCoordinationRequest("any", new CollectCoordinationRequest("", 0)).get())
                    .hasStackTraceContaining("FlinkJobNotFoundException");
            results.close();
        }
        assertThat(logged).filteredOn(event -> event.getLevel().isMoreSpecificThan(Level.ERROR))
                .extracting(event -> event.getLoggerName() + ": " + event.getMessage().getFormattedMessage())
                .isEmpty();
    }

    @Test
    void aClosedClusterTakesNoMoreJobs() throws Exception {
        StreamExecutionEnvironment late;
        try (LocalCluster cluster = LocalCluster.start(1)) {
            StreamExecutionEnvironment env = cluster.environment(1);
            CloseableIterator<Long> results = env.fromSequence(1, 3).collectAsync();
            env.executeAsync("first").getJobExecutionResult().get();
            results.close();
            late = cluster.environment(1);
        }
        late.fromSequence(1, 3).collectAsync();
        // refused before Flink's client writes the job's plan to java.io.tmpdir, which the closing cluster cleaned
        assertThatThrownBy(() -> late.executeAsync("too late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the local cluster is closing");
        assertThat(logged).filteredOn(event -> event.getLevel().isMoreSpecificThan(Level.ERROR)).isEmpty();
    }
}
