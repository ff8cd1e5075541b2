package io.iocstream.github.sim;

import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.TreeEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client meets an exhausted rate limit on the real simulator, waits for the reset and carries on. */
class RateLimitRecoveryTest {

    @TempDir
    Path world;

    @Test
    void theClientWaitsForTheResetInsteadOfFailing() throws Exception {
        TestWorld.write(world);
        try (GitHubSimulator sim = GitHubSimulator.start(world, new SimulatorOptions(0, 0.0, 3, 1), 0,
                Duration.ofSeconds(1));
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null)
                     .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(50))
                     .withRateLimitShare(1.0))) {
            long started = System.nanoTime();

            List<TreeEntry> tree = client.tree(REPO, C2).files();
            for (TreeEntry file : tree) {
                assertThat(client.fileContent(REPO, C2, file.path())).isEqualTo(TestWorld.bytes(world, C2, file.path()));
            }

            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(tree).hasSize(4);
            // the rate budget kept from the headers waits for the reset before the limit is ever hit
            assertThat(sim.requestCounts()).doesNotContainKey("rate_limited");
            assertThat(client.requestCount()).isEqualTo(sim.totalRequests());
            // five calls against a budget of three a second: at least one reset had to pass
            assertThat(elapsed).isGreaterThan(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(8));
        }
    }
}
