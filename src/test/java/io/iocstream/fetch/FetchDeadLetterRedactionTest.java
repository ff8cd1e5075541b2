package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.ScanMode;
import io.iocstream.changes.ScanRequest;
import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.github.CapturedLogs;
import io.iocstream.github.StubServer;
import io.iocstream.parse.ParseFunction;
import io.iocstream.pipeline.IocStreamPipeline;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The fetch stage against a real HTTP server whose error bodies echo the request's Authorization header: the
 * sequential fetcher's dead letters and the batched service's failures say what went wrong without the token, and
 * nothing logged holds it. The token comes from the environment, as in production (set for tests in pom.xml).
 */
class FetchDeadLetterRedactionTest {

    private static final String TOKEN_VARIABLE = "IOCSTREAM_TEST_TOKEN";
    private static final String REPO = "acme/app";
    private static final String COMMIT = "1111111111111111111111111111111111111111";

    private final String token = System.getenv(TOKEN_VARIABLE);

    @Test
    void deadLettersOfListingsAndFilesCarryNoToken() throws Exception {
        assertThat(token).as(TOKEN_VARIABLE + " is set by surefire's configuration in pom.xml").isNotBlank();
        try (StubServer server = echoingServer();
             CapturedLogs logs = CapturedLogs.start();
             var harness = ProcessFunctionTestHarnesses.forProcessFunction(new SequentialFetcher(
                     FetchSettings.of(server.baseUrl(), TOKEN_VARIABLE, FetchStrategy.SEQUENTIAL),
                     IocStreamPipeline.IOC_FILES))) {
            harness.processElement(new StreamRecord<>(request(ScanMode.TREE, List.of())));
            harness.processElement(new StreamRecord<>(request(ScanMode.PATHS, List.of("package-lock.json"))));

            List<DeadLetter> deadLetters = List.copyOf(harness.getSideOutput(DeadLetter.TAG)).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(deadLetters).extracting(DeadLetter::reason).satisfiesExactly(
                    listing -> assertThat(listing).startsWith("TREE listing failed").contains("Bearer [REDACTED]"),
                    file -> assertThat(file).startsWith("file fetch failed").contains("Bearer [REDACTED]"));
            assertThat(deadLetters.toString()).doesNotContain(token);
            assertThat(logs.text()).doesNotContain(token);
        }
    }

    @Test
    void aBatchedFetchFailsWithoutTheToken() throws Exception {
        assertThat(token).as(TOKEN_VARIABLE + " is set by surefire's configuration in pom.xml").isNotBlank();
        try (StubServer server = echoingServer(); CapturedLogs logs = CapturedLogs.start()) {
            FetchService service = FetchService.acquire(
                    FetchSettings.of(server.baseUrl(), TOKEN_VARIABLE, FetchStrategy.ADAPTIVE));
            try {
                FetchOutcome outcome = service.fetch(new FileRef(REPO, "refs/heads/main", COMMIT, "package-lock.json",
                        Trigger.PUSH, 1, 1, null, -1)).get();
                assertThat(outcome.failure()).contains("Bearer [REDACTED]").doesNotContain(token);
                assertThat(FetchDeadLetters.file(outcome.file(), outcome.failure()).toString()).doesNotContain(token);
            } finally {
                service.release();
            }
            assertThat(logs.text()).doesNotContain(token);
        }
    }

    /** Answers every request with 401 and a body that quotes the Authorization header, as a careless gateway does. */
    private static StubServer echoingServer() throws Exception {
        return new StubServer((path, headers) -> new StubServer.Answer(401, Map.of(),
                "{\"message\": \"Bad credentials: " + headers.getFirst("Authorization") + "\"}"));
    }

    private static ScanRequest request(ScanMode mode, List<String> paths) {
        return new ScanRequest("e1", REPO, "refs/heads/main", COMMIT, COMMIT, mode, Trigger.PUSH, 1, paths, List.of());
    }
}
