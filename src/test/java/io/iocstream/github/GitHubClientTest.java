package io.iocstream.github;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.C3;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against the real simulator over real HTTP, plus stub servers for answers GitHub rarely gives. */
class GitHubClientTest {

    @TempDir
    Path world;

    @BeforeEach
    void writeWorld() throws IOException {
        TestWorld.write(world);
    }

    @Test
    void fileContentIsTheFilesBytes() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            assertThat(client.fileContent(REPO, C1, "README.md")).isEqualTo("hello\n".getBytes());
            assertThat(client.fileContent(REPO, C2, "src/main/app.js"))
                    .isEqualTo(TestWorld.bytes(world, C2, "src/main/app.js"));
            assertThat(client.fileContent(REPO, C1, "dir with space/a#b.txt")).isEqualTo("odd\n".getBytes());
            assertThat(client.requestCount()).isEqualTo(3);
            assertThat(sim.requestCounts()).containsOnly(Map.entry("contents", 3L));
        }
    }

    @Test
    void aMissingFileIsNotFoundAndNotRetried() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            assertThatThrownBy(() -> client.fileContent(REPO, C2, "docs/old.txt"))
                    .isInstanceOf(GitHubNotFoundException.class)
                    .hasMessageContaining("docs/old.txt");
            assertThatThrownBy(() -> client.tree("acme/nope", C1)).isInstanceOf(GitHubNotFoundException.class);
            assertThat(client.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void pathsThatCannotExistInGitAreNotFoundWithoutARequest() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            for (String path : List.of("../../secret.txt", "a//b", "./README.md", "")) {
                assertThatThrownBy(() -> client.fileContent(REPO, C1, path)).as(path)
                        .isInstanceOf(GitHubNotFoundException.class);
            }
            assertThatThrownBy(() -> client.tree("acme/..", C1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(sim.totalRequests()).isZero();
        }
    }

    @Test
    void treeListsEveryBlobWithItsGitId() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            List<TreeEntry> tree = client.tree(REPO, C1).files();

            assertThat(tree).extracting(TreeEntry::path).containsExactlyInAnyOrder(
                    "README.md", "dir with space/a#b.txt", "docs/old.txt", "src/main/app.js");
            assertThat(tree).contains(new TreeEntry("README.md", TestWorld.HELLO_BLOB_SHA, 6));
        }
    }

    @Test
    void aTreeCutAtGitHubsCapSaysSo() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withTreeEntryCap(2), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            TreeListing tree = client.tree(REPO, C1);

            assertThat(tree.truncated()).isTrue();
            assertThat(tree.files()).hasSizeLessThan(4);
        }
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            assertThat(client.tree(REPO, C1).truncated()).isFalse();
        }
    }

    @Test
    void compareGivesEachChangedFileWithItsStatus() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            CompareResult push = client.compare(REPO, C1, C2);
            CompareResult rename = client.compare(REPO, C2, C3);

            assertThat(push.truncated()).isFalse();
            assertThat(push.files()).extracting(CompareFile::filename, CompareFile::status,
                    CompareFile::previousFilename).containsExactly(
                    tuple("docs/old.txt", "removed", null),
                    tuple("src/lib/added.js", "added", null),
                    tuple("src/main/app.js", "modified", null));
            assertThat(rename.files()).extracting(CompareFile::filename, CompareFile::status,
                    CompareFile::previousFilename).containsExactly(tuple("src/lib/moved.js", "renamed",
                    "src/lib/added.js"));
            // the head blob id of every file still there is the one the tree lists
            var tree = client.tree(REPO, C2).files();
            assertThat(push.files()).filteredOn(f -> !f.status().equals("removed")).allSatisfy(f ->
                    assertThat(f.sha()).isEqualTo(tree.stream().filter(e -> e.path().equals(f.filename()))
                            .findFirst().orElseThrow().oid()));
        }
    }

    @Test
    void injectedServerErrorsAreRetriedUntilTheContentIsRight() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, new SimulatorOptions(0, 0.5, 1_000_000, 42), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()).withRetries(30, Duration.ofMillis(1),
                     Duration.ofMillis(20)))) {
            List<TreeEntry> tree = client.tree(REPO, C2).files();
            for (TreeEntry file : tree) {
                assertThat(client.fileContent(REPO, C2, file.path())).as(file.path())
                        .isEqualTo(TestWorld.bytes(world, C2, file.path()));
            }
            assertThat(client.compare(REPO, C1, C2).files()).hasSize(3);

            assertThat(sim.requestCounts().getOrDefault("injected_error", 0L)).isPositive();
            assertThat(client.requestCount()).isEqualTo(sim.totalRequests())
                    .isEqualTo(tree.size() + 2 + sim.requestCounts().get("injected_error"));
        }
    }

    @Test
    void oneClientServesConcurrentCallersAgainstACommitNobodyHashedYet() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, new SimulatorOptions(5, 0.0, 1_000_000, 1), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<TreeEntry>>> trees = new ArrayList<>();
                List<Future<byte[]>> readmes = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    trees.add(pool.submit(() -> client.tree(REPO, C3).files()));
                    readmes.add(pool.submit(() -> client.fileContent(REPO, C3, "README.md")));
                }
                for (Future<List<TreeEntry>> tree : trees) {
                    assertThat(tree.get(10, TimeUnit.SECONDS)).hasSize(4);
                }
                for (Future<byte[]> readme : readmes) {
                    assertThat(readme.get(10, TimeUnit.SECONDS)).isEqualTo("hello\n".getBytes());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(client.requestCount()).isEqualTo(32);
        }
    }

    @Test
    void whenRetriesRunOutTheLastStatusIsReported() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, new SimulatorOptions(0, 1.0, 1_000_000, 1), 0);
             GitHubClient client = new GitHubClient(fast(sim.baseUrl()).withRetries(2, Duration.ofMillis(1),
                     Duration.ofMillis(5)))) {
            assertThatThrownBy(() -> client.fileContent(REPO, C1, "README.md"))
                    .isInstanceOfSatisfying(GitHubApiException.class,
                            e -> assertThat(e.status()).isIn(502, 503))
                    .hasMessageContaining("3 attempts");
            assertThat(client.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void aPermissionDenied403IsFinal() throws Exception {
        try (StubServer stub = new StubServer(403, Map.of("x-ratelimit-remaining", "4999"),
                "{\"message\":\"Resource not accessible by integration\"}");
             GitHubClient client = new GitHubClient(fast(stub.baseUrl()))) {
            assertThatThrownBy(() -> client.fileContent(REPO, C1, "README.md"))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403))
                    .hasMessageContaining("Resource not accessible by integration");
            assertThat(stub.hits()).isEqualTo(1);
        }
    }

    @Test
    void aSecondaryRateLimitIsRetried() throws Exception {
        try (StubServer stub = new StubServer(403, Map.of(),
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes.\"}");
             GitHubClient client = new GitHubClient(fast(stub.baseUrl()).withRetries(2, Duration.ofMillis(1),
                     Duration.ofMillis(10)))) {
            assertThatThrownBy(() -> client.fileContent(REPO, C1, "README.md"))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThat(stub.hits()).isEqualTo(3);
        }
    }

    @Test
    void sendsGitHubsHeadersAndTheTokenOnlyWhenThereIsOne() throws Exception {
        try (StubServer stub = new StubServer(200, Map.of(), "{}")) {
            try (GitHubClient anonymous = new GitHubClient(fast(stub.baseUrl()))) {
                anonymous.compare(REPO, C1, C2);
            }
            assertThat(stub.lastHeaders().getFirst("Authorization")).isNull();
            assertThat(stub.lastHeaders().getFirst("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(stub.lastHeaders().getFirst("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
            assertThat(stub.lastHeaders().getFirst("User-Agent")).isEqualTo("iocstream");

            GitHubClientConfig withToken = GitHubClientConfig.forBaseUrl(stub.baseUrl(), "ghp_test_token");
            try (GitHubClient authenticated = new GitHubClient(withToken)) {
                authenticated.fileContent(REPO, C1, "README.md");
            }
            assertThat(stub.lastHeaders().getFirst("Authorization")).isEqualTo("Bearer ghp_test_token");
            assertThat(stub.lastHeaders().getFirst("Accept")).isEqualTo("application/vnd.github.raw+json");
        }
    }

    @Test
    void anEventsPageGivesEachEventsIdTypeAndRawJsonAndLeavesOutOneWithoutAnId() throws Exception {
        try (StubServer stub = new StubServer(200, Map.of("ETag", "W/\"e1\""),
                "[{\"id\":\"2\",\"type\":\"PushEvent\",\"payload\":{\"ref\":\"refs/heads/main\"}},"
                        + "{\"type\":\"PushEvent\"},{\"id\":\"1\",\"type\":\"IssuesEvent\"}]");
             GitHubClient client = new GitHubClient(fast(stub.baseUrl()))) {
            EventsPage page = client.orgEvents("acme", null);

            assertThat(page.events()).extracting(ListedEvent::id, ListedEvent::type)
                    .containsExactly(tuple("2", "PushEvent"), tuple("1", "IssuesEvent"));
            assertThat(page.events().get(0).raw())
                    .isEqualTo("{\"id\":\"2\",\"type\":\"PushEvent\",\"payload\":{\"ref\":\"refs/heads/main\"}}");
            assertThat(page.etag()).isEqualTo("W/\"e1\"");
        }
    }

    @Test
    void anEventWhoseIdIsNoEventIdIsLeftOutWithAWarning() throws Exception {
        String hugeId = "1".repeat(1 << 20);
        try (StubServer stub = new StubServer(200, Map.of(),
                "[{\"id\":\"abc\",\"type\":\"PushEvent\"},{\"id\":\"" + hugeId + "\",\"type\":\"PushEvent\"},"
                        + "{\"id\":{\"n\":1},\"type\":\"PushEvent\"},{\"id\":7,\"type\":\"PushEvent\"}]");
             GitHubClient client = new GitHubClient(fast(stub.baseUrl()));
             CapturedLogs logs = CapturedLogs.start()) {
            EventsPage page = client.orgEvents("acme", null);

            assertThat(page.events()).extracting(ListedEvent::id).containsExactly("7");
            assertThat(logs.text()).contains("left out 3 events without a numeric id").hasSizeLessThan(1000);
        }
    }

    @Test
    void anEventsLineIsAsciiSoALoneSurrogateStaysAnEscapeForTheRefRules() throws Exception {
        String event = "{\"id\":\"1\",\"type\":\"PushEvent\",\"payload\":{\"ref\":\"refs/heads/\\udc80caf\u00e9\"}}";
        try (StubServer stub = new StubServer(200, Map.of(), "[" + event + "]");
             GitHubClient client = new GitHubClient(fast(stub.baseUrl()))) {
            String raw = client.orgEvents("acme", null).events().get(0).raw();

            assertThat(raw).matches("\\p{ASCII}*");
            assertThat(raw.toLowerCase(java.util.Locale.ROOT)).contains("\\udc80", "caf\\u00e9");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw).path("payload").path("ref")
                    .asText()).isEqualTo("refs/heads/\udc80caf\u00e9");
        }
    }

    @Test
    void redirectsAreNeverFollowed() throws Exception {
        try (StubServer elsewhere = new StubServer(200, Map.of(), "stolen");
             StubServer redirecting = new StubServer(302, Map.of("Location", elsewhere.baseUrl() + "/x"), "");
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(redirecting.baseUrl(), "tok"))) {
            assertThatThrownBy(() -> client.fileContent(REPO, C1, "README.md"))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(302));
            assertThat(elsewhere.hits()).isZero();
            assertThat(redirecting.hits()).isEqualTo(1);
        }
    }

    private static GitHubClientConfig fast(String baseUrl) {
        return GitHubClientConfig.forBaseUrl(baseUrl, null)
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(20));
    }
}
