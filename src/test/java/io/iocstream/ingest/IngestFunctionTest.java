package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Line numbers in dead letters stay exact across a restore: the count is operator state. */
class IngestFunctionTest {

    @Test
    void theLineCountSurvivesASnapshotAndRestore() throws Exception {
        // a real webhook payload, on one line as events.ndjson holds it
        String push = new ObjectMapper()
                .readTree(Files.readString(Path.of("src/test/resources/push/octokit-payload.json")))
                .toString();
        OperatorSubtaskState snapshot;
        try (var harness = harness(null)) {
            harness.processElement(push, 0);
            harness.processElement("not json", 0);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(snapshot)) {
            restored.processElement("{\"still\": \"not a push\"}", 0);
            restored.processElement(push, 0);
            assertThat(restored.extractOutputValues()).hasSize(1);
            assertThat(deadLetters(restored)).extracting(DeadLetter::origin).containsExactly("events line 3");
        }
    }

    @Test
    void aRepositoryEventBecomesABaselineRequestAndOneThatAsksForNothingIsNoDeadLetter() throws Exception {
        try (var harness = harness(null)) {
            harness.processElement(oneLine("src/test/resources/repository/octokit-created.payload.json"), 0);
            harness.processElement(oneLine("src/test/resources/repository/octokit-privatized.payload.json"), 0);
            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(push -> assertThat(push.origin()).isEqualTo(PushOrigin.BASELINE));
            assertThat(deadLetters(harness)).isEmpty();
        }
    }

    @Test
    void withoutStateTheCountStartsOver() throws Exception {
        try (var harness = harness(null)) {
            harness.processElement("not json", 0);
            assertThat(deadLetters(harness)).extracting(DeadLetter::origin).containsExactly("events line 1");
        }
    }

    private static String oneLine(String file) throws Exception {
        return new ObjectMapper().readTree(Files.readString(Path.of(file))).toString();
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<String, PushEvent> harness) {
        var side = harness.getSideOutput(DeadLetter.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static OneInputStreamOperatorTestHarness<String, PushEvent> harness(OperatorSubtaskState state)
            throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new IngestFunction("events")));
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }
}
