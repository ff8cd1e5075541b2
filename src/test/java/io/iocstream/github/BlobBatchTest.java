package io.iocstream.github;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.HELLO_BLOB_SHA;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many files in one GraphQL request, against the real simulator over HTTP; the size cap; the rate budget. */
class BlobBatchTest {

    @TempDir
    Path world;

    @BeforeEach
    void writeWorld() throws Exception {
        TestWorld.write(world);
    }

    @Test
    void oneRequestReadsFilesOfSeveralCommitsAndRepositories() throws Exception {
        Path other = world.resolve("repos/acme/other/" + C1);
        Files.createDirectories(other);
        Files.writeString(other.resolve("package-lock.json"), "{\"name\": \"quote\\\"d\"}\n");
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
                GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            List<BlobQuery.Blob> blobs = client.blobs(List.of(
                    new BlobQuery.Wanted(REPO, C1, "README.md"),
                    new BlobQuery.Wanted(REPO, C2, "src/lib/added.js"),
                    new BlobQuery.Wanted("acme/other", C1, "package-lock.json"),
                    new BlobQuery.Wanted(REPO, C2, "docs/old.txt"),
                    new BlobQuery.Wanted(REPO, C1, "dir with space/a#b.txt"),
                    new BlobQuery.Wanted("acme/nowhere", C1, "x")));

            assertThat(client.requestCount()).isEqualTo(1);
            assertThat(sim.requestCounts()).containsEntry("graphql", 1L);
            assertThat(blobs.get(0).text()).isEqualTo("hello\n");
            assertThat(blobs.get(0).oid()).isEqualTo(HELLO_BLOB_SHA);
            assertThat(blobs.get(0).byteSize()).isEqualTo(6);
            assertThat(blobs.get(1).text().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(TestWorld.bytes(world, C2, "src/lib/added.js"));
            assertThat(blobs.get(2).text()).isEqualTo("{\"name\": \"quote\\\"d\"}\n");
            assertThat(blobs.get(3).found()).as("removed at C2").isFalse();
            assertThat(blobs.get(4).text()).isEqualTo("odd\n");
            assertThat(blobs.get(5).found()).as("no such repository").isFalse();
        }
    }

    @Test
    void oneRequestListsSeveralTreesAsTheRestApiDoes() throws Exception {
        Path deep = world.resolve("repos/acme/widget/" + C1 + "/a/b/c/d/e/f/g");
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("package-lock.json"), "{}");
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
                GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            var trees = client.trees(List.of(new TreeQuery.Wanted(REPO, C2), new TreeQuery.Wanted(REPO, C1),
                    new TreeQuery.Wanted("acme/nowhere", C1)));
            assertThat(sim.requestCounts()).containsEntry("graphql", 1L);

            List<TreeEntry> rest = client.tree(REPO, C2).files();
            assertThat(trees.get(0)).hasValueSatisfying(entries ->
                    assertThat(entries).containsExactlyInAnyOrderElementsOf(rest));
            // folders deeper than one query lists: the caller must ask the REST API
            assertThat(trees.get(1)).isEmpty();
            assertThat(trees.get(2)).isEmpty();
        }
    }

    @Test
    void largeFilesAreTruncatedAndBinaryFilesHaveNoText() throws Exception {
        Path c1 = world.resolve("repos/acme/widget/" + C1);
        Files.write(c1.resolve("big.json"), "x".repeat(600 * 1024).getBytes(StandardCharsets.UTF_8));
        Files.write(c1.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
                GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            List<BlobQuery.Blob> blobs = client.blobs(List.of(new BlobQuery.Wanted(REPO, C1, "big.json"),
                    new BlobQuery.Wanted(REPO, C1, "logo.png")));

            assertThat(blobs.get(0).truncated()).isTrue();
            assertThat(blobs.get(0).byteSize()).isEqualTo(600 * 1024);
            assertThat(blobs.get(1).binary()).isTrue();
            assertThat(blobs.get(1).text()).isNull();
        }
    }

    @Test
    void aFileOverTheCapIsRefusedWithoutReadingItWhole() throws Exception {
        Files.write(world.resolve("repos/acme/widget/" + C1 + "/big.json"), new byte[64 * 1024]);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
                GitHubClient client = new GitHubClient(fast(sim.baseUrl()))) {
            assertThat(client.fileContent(REPO, C1, "big.json", 64 * 1024)).hasSize(64 * 1024);
            assertThatThrownBy(() -> client.fileContent(REPO, C1, "big.json", 64 * 1024 - 1))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        }
    }

    private static GitHubClientConfig fast(String baseUrl) {
        return GitHubClientConfig.forBaseUrl(baseUrl, null).withRetries(3, Duration.ofMillis(1), Duration.ofMillis(20));
    }
}
