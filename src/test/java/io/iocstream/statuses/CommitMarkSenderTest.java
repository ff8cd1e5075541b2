package io.iocstream.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.sim.CommitStatus;
import io.iocstream.github.sim.ContentCreationLimit;
import io.iocstream.github.sim.ContentRequest;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender against the real simulator enforcing content-creation limits: failures go first once the limit binds,
 * no window ever holds more than the limit, and a simulator stricter than the sender's settings is met by waiting
 * out its {@code retry-after}, not by losing marks.
 */
class CommitMarkSenderTest {

    private static final String REPO = "acme/storefront";
    private static final Duration WINDOW = Duration.ofSeconds(1);

    @TempDir
    Path world;

    private List<String> commits(int n) throws Exception {
        List<String> shas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String sha = String.format("%040x", i + 1);
            Files.createDirectories(world.resolve("repos/" + REPO + "/" + sha));
            Files.writeString(world.resolve("repos/" + REPO + "/" + sha + "/README.md"), "r" + i);
            shas.add(sha);
        }
        return shas;
    }

    private static CommitMark mark(String sha, boolean failure, long arrival) {
        return CommitMark.of(CommitMarkTest.scan(sha, failure ? 1 : 0, 0, failure ? List.of("MAL-" + arrival)
                : List.of()), arrival);
    }

    private static CommitMarkSender sender(GitHubSimulator sim, int perWindow) {
        StatusSettings settings = StatusSettings.statuses(sim.baseUrl(), null)
                .withLimits(List.of(new ContentLimit(perWindow, WINDOW)));
        GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null)
                .withRetries(0, Duration.ofMillis(10), Duration.ofSeconds(2)));
        return new CommitMarkSender(settings, client, Clock.systemUTC());
    }

    @Test
    void whenTheLimitBindsFailuresGoFirstAndNoWindowHoldsMore() throws Exception {
        List<String> shas = commits(9);
        SimulatorOptions options = SimulatorOptions.defaults()
                .withContentLimits(List.of(new ContentCreationLimit(3, WINDOW)));
        try (GitHubSimulator sim = GitHubSimulator.start(world, options, 0);
                CommitMarkSender sender = sender(sim, 3)) {
            // successes are the older marks: only the order of the queue can put the failures before them
            for (int i = 0; i < 9; i++) {
                sender.add(mark(shas.get(i), i >= 6, i));
            }
            sender.startSending();
            sender.awaitDrained();

            assertThat(sim.commitStatuses()).extracting(CommitStatus::state).containsExactly("failure", "failure",
                    "failure", "success", "success", "success", "success", "success", "success");
            assertThat(sim.commitStatuses()).extracting(CommitStatus::sha)
                    .containsExactly(shas.get(6), shas.get(7), shas.get(8), shas.get(0), shas.get(1), shas.get(2),
                            shas.get(3), shas.get(4), shas.get(5));
            assertThat(sim.commitStatuses()).allSatisfy(status -> assertThat(status.context()).isEqualTo("iocstream"));
            assertThat(sim.contentRequests()).allMatch(ContentRequest::accepted);
            assertThat(mostInAnyWindow(sim.contentRequests())).isEqualTo(3);
            assertThat(sender.sent()).isEqualTo(9);
        }
    }

    @Test
    void aStricterGitHubIsWaitedOutThroughItsRetryAfter() throws Exception {
        List<String> shas = commits(5);
        SimulatorOptions options = SimulatorOptions.defaults()
                .withContentLimits(List.of(new ContentCreationLimit(2, WINDOW)));
        try (GitHubSimulator sim = GitHubSimulator.start(world, options, 0);
                CommitMarkSender sender = sender(sim, 50)) {
            for (int i = 0; i < 5; i++) {
                sender.add(mark(shas.get(i), false, i));
            }
            sender.startSending();
            sender.awaitDrained();

            assertThat(sim.commitStatuses()).extracting(CommitStatus::sha).containsExactlyElementsOf(shas);
            assertThat(sim.requestCounts().get("content_limited")).isPositive();
            assertThat(sender.deferred()).isEqualTo(sim.requestCounts().get("content_limited"));
            assertThat(mostInAnyWindow(sim.contentRequests().stream().filter(ContentRequest::accepted).toList()))
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aMarkGitHubRefusesForGoodIsCountedAndTheRestGoOn() throws Exception {
        List<String> shas = commits(2);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
                CommitMarkSender sender = sender(sim, 10)) {
            sender.add(mark("f".repeat(40), true, 0));  // no such commit: 422
            sender.add(mark(shas.get(0), false, 1));
            sender.startSending();
            sender.awaitDrained();
            assertThat(sender.refused()).isEqualTo(1);
            assertThat(sender.sent()).isEqualTo(1);
            assertThat(sim.commitStatuses()).extracting(CommitStatus::sha).containsExactly(shas.get(0));
        }
    }

    /** The most accepted requests in any window that ends at one of them: a sliding count. */
    static int mostInAnyWindow(List<ContentRequest> requests) {
        int most = 0;
        for (ContentRequest last : requests) {
            int inWindow = (int) requests.stream().filter(r -> r.accepted() && !r.at().isAfter(last.at())
                    && r.at().isAfter(last.at().minus(WINDOW))).count();
            most = Math.max(most, inWindow);
        }
        return most;
    }
}
