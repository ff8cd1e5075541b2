package io.iocstream.github.sim;

import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every injected fault is survived by the real client, and the secondary limit refuses excess concurrency. */
class FaultInjectionTest {

    @TempDir
    Path world;

    @Test
    void theClientReadsEveryFileRightThroughHalfTheRequestsFailing() throws Exception {
        TestWorld.write(world);
        SimulatorOptions faulty = new SimulatorOptions(1, 0.5, 1_000_000, 7, true, 100);
        try (GitHubSimulator sim = GitHubSimulator.start(world, faulty, 0);
                GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null)
                        .withRetries(12, Duration.ofMillis(1), Duration.ofMillis(20)))) {
            for (int round = 0; round < 3; round++) {
                for (var file : client.tree(REPO, C2).files()) {
                    assertThat(client.fileContent(REPO, C2, file.path()))
                            .isEqualTo(TestWorld.bytes(world, C2, file.path()));
                }
            }
            assertThat(sim.requestCounts().get("injected_error")).isPositive();
        }
    }

    @Test
    void requestsBeyondTheConcurrencyLimitAreRefusedWithRetryAfter() throws Exception {
        TestWorld.write(world);
        SimulatorOptions narrow = new SimulatorOptions(300, 0, 1_000_000, 1, false, 2);
        try (GitHubSimulator sim = GitHubSimulator.start(world, narrow, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                        + "/repos/acme/widget/contents/README.md?ref=" + C2)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();
            assertThat(answers).filteredOn(a -> a.statusCode() == 403).isNotEmpty().allSatisfy(a -> {
                assertThat(a.headers().firstValue("retry-after")).hasValue("1");
                assertThat(a.body()).contains("secondary rate limit");
            });
            assertThat(answers).filteredOn(a -> a.statusCode() == 200).isNotEmpty();
            assertThat(sim.requestCounts().get("secondary_limited")).isPositive();
        }
    }
}
