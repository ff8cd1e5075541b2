package io.iocstream.github.sim;

import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client spends only its share of each rate-limit window of the real simulator (the batch tools'
 * {@code rate_limit_buffer}) and then waits for the reset, leaving the rest to other automation on the same token,
 * from one thread and from several at once.
 */
class RateLimitShareTest {

    private static final int WINDOW = 10;

    @TempDir
    Path world;

    @Test
    void withHalfTheWindowTheClientNeverTakesTheOtherHalf() throws Exception {
        TestWorld.write(world);
        try (GitHubSimulator sim = GitHubSimulator.start(world, new SimulatorOptions(0, 0.0, WINDOW, 1), 0,
                Duration.ofSeconds(1));
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null)
                     .withRetries(0, Duration.ofMillis(1), Duration.ofMillis(10)).withRateLimitShare(0.5))) {
            for (int i = 0; i < 6; i++) {
                client.fileContent(REPO, C2, "README.md");
            }
            assertThat(sim.lowestRateLimitRemaining()).isEqualTo(WINDOW / 2);

            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<byte[]>> reads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    reads.add(threads.submit(() -> client.fileContent(REPO, C2, "src/main/app.js")));
                }
                for (Future<byte[]> read : reads) {
                    assertThat(read.get()).isEqualTo(TestWorld.bytes(world, C2, "src/main/app.js"));
                }
            } finally {
                threads.shutdownNow();
            }
            // requests in flight count against the share before their answers come back
            assertThat(sim.lowestRateLimitRemaining()).isEqualTo(WINDOW / 2);
            assertThat(sim.requestCounts()).containsEntry("contents", 14L).doesNotContainKey("rate_limited");
        }
    }
}
