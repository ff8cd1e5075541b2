package io.iocstream.github.sim;

import static io.iocstream.github.sim.TestWorld.C1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.github.BlobQuery;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's GitHub costs ({@link CostModel}), against the real server: time that grows with what an answer
 * holds, GitHub's timeout answer past the time limit, and the secondary limits in points per minute. Costs are large
 * and the limit small, so each case takes well under a second.
 */
class CostModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path world;

    @BeforeEach
    void write() throws Exception {
        TestWorld.write(world);
        Path c1 = world.resolve("repos/acme/widget/" + C1);
        for (int i = 0; i < 20; i++) {
            Files.writeString(c1.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        Files.write(c1.resolve("big.bin"), new byte[400_000]);
    }

    private static SimulatorOptions costing(CostModel model) {
        return SimulatorOptions.of(0, 0.0, SimulatorOptions.DEFAULT_RATE_LIMIT).withCost(model);
    }

    private static List<BlobQuery.Wanted> files(int n) {
        List<BlobQuery.Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            wanted.add(new BlobQuery.Wanted(TestWorld.REPO, C1, "f" + i + ".txt"));
        }
        return wanted;
    }

    private static GitHubClient client(GitHubSimulator sim) {
        return new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null)
                .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    @Test
    void aBatchTakesLongerTheMoreObjectsItAnswers() throws Exception {
        // 15 ms an object: one blob and its repository 30 ms, twenty blobs and their repository 315 ms
        CostModel model = new CostModel(15_000, 0, 0, Duration.ofSeconds(10), 2_000, 900);
        try (GitHubSimulator sim = GitHubSimulator.start(world, costing(model), 0); GitHubClient client = client(sim)) {
            long one = millis(() -> client.blobs(files(1)));
            long twenty = millis(() -> client.blobs(files(20)));
            assertThat(one).isBetween(30L, 250L);
            assertThat(twenty).isGreaterThanOrEqualTo(315L);
            assertThat(twenty - one).isGreaterThanOrEqualTo(250L);
        }
    }

    @Test
    void aRestFileTakesLongerTheMoreBytesItHolds() throws Exception {
        // 1 µs a byte: the 400 kB file takes 400 ms more than a file of a few bytes
        CostModel model = new CostModel(0, 0, 1_000, Duration.ofSeconds(10), 2_000, 900);
        try (GitHubSimulator sim = GitHubSimulator.start(world, costing(model), 0); GitHubClient client = client(sim)) {
            long small = millis(() -> client.fileContent(TestWorld.REPO, C1, "f0.txt"));
            long big = millis(() -> client.fileContent(TestWorld.REPO, C1, "big.bin"));
            assertThat(big).isGreaterThanOrEqualTo(400L);
            assertThat(big - small).isGreaterThanOrEqualTo(350L);
        }
    }

    @Test
    void aQueryPastTheTimeLimitIsAbandonedAtTheLimitWithGitHubsTimeoutAnswer() throws Exception {
        // 100 ms an object against a 300 ms limit: five blobs (600 ms) are past it, one (200 ms) is not
        CostModel model = new CostModel(100_000, 0, 0, Duration.ofMillis(300), 2_000, 900);
        try (GitHubSimulator sim = GitHubSimulator.start(world, costing(model), 0)) {
            String query = BlobQuery.body(files(5));
            long started = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/graphql"))
                    .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - started) / 1_000_000;

            assertThat(answer.statusCode()).isEqualTo(502);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("data").isNull()).isTrue();
            assertThat(body.at("/errors/0/message").asText())
                    .startsWith("Something went wrong while executing your query. This may be the result of a "
                            + "timeout");
            assertThat(took).isBetween(300L, 590L);
            assertThat(sim.requestCounts()).containsEntry("timed_out", 1L).doesNotContainKey("graphql");

            try (GitHubClient client = client(sim)) {
                assertThat(client.blobs(files(1)).get(0).text()).isEqualTo("file 0\n");
                // not retried: the same query would time out again, and only a smaller one helps
                long before = sim.totalRequests();
                assertThatThrownBy(() -> client.blobs(files(5))).isInstanceOf(GitHubTimeoutException.class);
                assertThat(sim.totalRequests() - before).isEqualTo(1);
            }
        }
    }

    @Test
    void aRestFilePastTheTimeLimitIsAbandonedWithGitHubsRestMessage() throws Exception {
        CostModel model = new CostModel(0, 0, 1_000, Duration.ofMillis(200), 2_000, 900);
        try (GitHubSimulator sim = GitHubSimulator.start(world, costing(model), 0)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                    + "/repos/acme/widget/contents/big.bin?ref=" + C1))
                    .header("Accept", "application/vnd.github.raw+json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(answer.body()).path("message").asText())
                    .startsWith("We couldn't respond to your request in time");
            assertThat(answer.headers().firstValue("ETag")).isEmpty();
            assertThat(sim.requestCounts()).containsEntry("timed_out", 1L).doesNotContainKey("contents");
        }
    }

    @Test
    void pointsPastTheMinutesLimitAreRefusedWithRetryAfterPerEndpoint() throws Exception {
        CostModel model = CostModel.GITHUB.withPointsPerMinute(2, 3);
        try (GitHubSimulator sim = GitHubSimulator.start(world, costing(model), 0)) {
            for (int i = 0; i < 3; i++) {
                assertThat(contents(sim, "f" + i + ".txt").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = contents(sim, "f3.txt");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("You have exceeded a secondary rate limit");
            assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow())).isBetween(55L, 60L);

            // another endpoint has its own points; GraphQL its own limit, here two a minute
            assertThat(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/repos/acme/widget/git/trees/"
                    + C1)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            for (int i = 0; i < 2; i++) {
                assertThat(graphQl(sim).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> third = graphQl(sim);
            assertThat(third.statusCode()).isEqualTo(403);
            assertThat(third.headers().firstValue("retry-after")).isPresent();
            assertThat(sim.requestCounts()).containsEntry("points_limited", 2L);
        }
    }

    @Test
    void withoutTheCostModelEveryAnswerTakesTheFixedLatency() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.of(50, 0.0,
                SimulatorOptions.DEFAULT_RATE_LIMIT), 0); GitHubClient client = client(sim)) {
            long twenty = millis(() -> client.blobs(files(20)));
            assertThat(twenty).isBetween(50L, 400L);
            for (int i = 0; i < 5; i++) {
                client.fileContent(TestWorld.REPO, C1, "f0.txt");
            }
            assertThat(sim.requestCounts()).doesNotContainKeys("points_limited", "timed_out");
        }
    }

    private HttpResponse<String> contents(GitHubSimulator sim, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/repos/acme/widget/contents/" + path
                + "?ref=" + C1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> graphQl(GitHubSimulator sim) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/graphql"))
                .POST(HttpRequest.BodyPublishers.ofString(BlobQuery.body(files(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static long millis(Call call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }
}
