package io.iocstream.fetch;

import static io.iocstream.github.sim.TestWorld.C1;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.ScanMode;
import io.iocstream.changes.ScanRequest;
import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import io.iocstream.parse.ParseFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequential baseline against the simulator: a request it fails on is a dead letter, the next is read. */
class SequentialFetcherTest {

    @TempDir
    Path world;

    /** A request without a mode (which the planner never sends) stands for any request the fetcher fails on. */
    @Test
    void aRequestTheFetcherFailsOnIsADeadLetterAndTheNextIsRead() throws Exception {
        TestWorld.write(world);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
                var harness = ProcessFunctionTestHarnesses.forProcessFunction(new SequentialFetcher(
                        FetchSettings.of(sim.baseUrl(), null, FetchStrategy.SEQUENTIAL), ParseFunction::carriesIocs))) {
            harness.processElement(request("e1", null), 0);
            harness.processElement(request("e2", ScanMode.PATHS), 0);

            assertThat(harness.getSideOutput(DeadLetter.TAG)).extracting(StreamRecord::getValue).singleElement()
                    .satisfies(dead -> {
                        assertThat(dead.stage()).isEqualTo("fetch");
                        assertThat(dead.origin()).isEqualTo(TestWorld.REPO + "@" + C1);
                        assertThat(dead.reason()).startsWith("failed with NullPointerException");
                        assertThat(dead.raw()).contains("\"eventId\":\"e1\"");
                    });
            assertThat(harness.extractOutputValues()).singleElement().satisfies(file -> {
                assertThat(file.op()).isEqualTo(FileOp.CONTENT);
                assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            });
        }
    }

    private static ScanRequest request(String eventId, ScanMode mode) {
        return new ScanRequest(eventId, TestWorld.REPO, "refs/heads/main", C1, C1, mode, Trigger.PUSH, 1,
                List.of("README.md"), List.of());
    }
}
