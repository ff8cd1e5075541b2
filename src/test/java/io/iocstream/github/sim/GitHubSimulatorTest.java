package io.iocstream.github.sim;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.C3;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path world;
    private GitHubSimulator sim;

    @BeforeEach
    void start() throws IOException {
        TestWorld.write(world);
        sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void contentsAsJsonCarryGitBlobShaAndBase64Content() throws Exception {
        HttpResponse<byte[]> r = get("/repos/acme/widget/contents/README.md?ref=" + C1, null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("file");
        assertThat(body.path("name").asText()).isEqualTo("README.md");
        assertThat(body.path("path").asText()).isEqualTo("README.md");
        assertThat(body.path("sha").asText()).isEqualTo(TestWorld.HELLO_BLOB_SHA);
        assertThat(body.path("size").asLong()).isEqualTo(6);
        assertThat(body.path("encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getMimeDecoder().decode(body.path("content").asText()))
                .isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64IsWrappedAtSixtyCharactersLikeGitHub() {
        byte[] content = new byte[200];
        String encoded = ApiHandler.githubBase64(content);

        assertThat(encoded).endsWith("\n");
        assertThat(encoded.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        assertThat(encoded.split("\n")[0]).hasSize(60);
        assertThat(Base64.getMimeDecoder().decode(encoded)).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.github.raw", "application/vnd.github.raw+json",
            "application/vnd.github.v3.raw"})
    void contentsWithARawMediaTypeAreTheBytes(String accept) throws Exception {
        HttpResponse<byte[]> r = get("/repos/acme/widget/contents/src/main/app.js?ref=" + C2, accept);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(r.body()).isEqualTo(TestWorld.bytes(world, C2, "src/main/app.js"));
    }

    @Test
    void contentsPathsAreUrlDecoded() throws Exception {
        HttpResponse<byte[]> r = get("/repos/acme/widget/contents/dir%20with%20space/a%23b.txt?ref=" + C1,
                "application/vnd.github.raw");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("odd\n");
    }

    @Test
    void missingRepositoryCommitOrPathIsNotFound() throws Exception {
        for (String path : new String[] {
                "/repos/acme/nope/contents/README.md?ref=" + C1,
                "/repos/acme/widget/contents/README.md?ref=" + "9".repeat(40),
                "/repos/acme/widget/contents/docs/old.txt?ref=" + C2,
                "/repos/acme/widget/contents/README.md",
                "/repos/acme/widget/unknown-endpoint"}) {
            HttpResponse<byte[]> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(r.body()).path("message").asText()).isEqualTo("Not Found");
        }
        assertThat(sim.requestCounts()).containsEntry("not_found", 5L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/repos/acme/widget/contents/../../secret.txt?ref=" + C1,
            "/repos/acme/widget/contents/../../../../secret.txt?ref=" + C1,
            "/repos/acme/widget/contents/%2e%2e/%2e%2e/secret.txt?ref=" + C1,
            "/repos/acme/widget/contents/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt?ref=" + C1,
            "/repos/acme/widget/contents/..%2f..%2fsecret.txt?ref=" + C1,
            "/repos/acme/widget/contents/%2Fetc%2Fpasswd?ref=" + C1,
            "/repos/acme/widget/contents/secret.txt?ref=..%2f..%2f..",
            "/repos/acme/widget/contents/secret.txt?ref=..",
            "/repos/acme/widget/contents/acme/secret.txt?ref=..%2f..%2f..",
            "/repos/acme/../contents/secret.txt?ref=" + C1,
            "/repos/acme/%2e%2e/contents/secret.txt?ref=" + C1,
            "/repos/acme/widget/git/blobs/..%2f..%2fsecret.txt",
            "/repos/acme/widget/git/trees/..?recursive=1"})
    void pathTraversalNeverLeavesTheWorld(String rawPath) throws Exception {
        // a raw socket, because HTTP clients normalise dot segments before sending
        String answer = rawGet(rawPath);

        assertThat(answer).startsWith("HTTP/1.1 404");
        assertThat(answer).doesNotContain(TestWorld.SECRET).doesNotContain("root:");
    }

    @Test
    void symbolicLinksInsideACommitAreNotFollowed() throws Exception {
        Files.createSymbolicLink(world.resolve("repos/acme/widget").resolve(C2).resolve("leak.txt"),
                world.resolve("secret.txt"));

        HttpResponse<byte[]> r = get("/repos/acme/widget/contents/leak.txt?ref=" + C2, "application/vnd.github.raw");

        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void recursiveTreeListsBlobsAndTreesWithGitsOwnIds() throws Exception {
        JsonNode body = JSON.readTree(get("/repos/acme/widget/git/trees/" + C1 + "?recursive=1", null).body());

        assertThat(body.path("sha").asText()).isEqualTo(TestWorld.C1_ROOT_TREE_SHA);
        assertThat(body.path("truncated").asBoolean(true)).isFalse();
        Map<String, JsonNode> byPath = byField(body.path("tree"), "path");
        assertThat(byPath).containsOnlyKeys("README.md", "dir with space", "dir with space/a#b.txt", "docs",
                "docs/old.txt", "src", "src/main", "src/main/app.js");
        assertThat(byPath.get("README.md").path("sha").asText()).isEqualTo(TestWorld.HELLO_BLOB_SHA);
        assertThat(byPath.get("README.md").path("type").asText()).isEqualTo("blob");
        assertThat(byPath.get("README.md").path("mode").asText()).isEqualTo("100644");
        assertThat(byPath.get("README.md").path("size").asLong()).isEqualTo(6);
        assertThat(byPath.get("src").path("type").asText()).isEqualTo("tree");
        assertThat(byPath.get("src").path("mode").asText()).isEqualTo("040000");
        assertThat(byPath.get("src").path("sha").asText()).isEqualTo(TestWorld.C1_SRC_TREE_SHA);
    }

    @Test
    void treeWithoutRecursiveListsTheTopLevelOnly() throws Exception {
        JsonNode body = JSON.readTree(get("/repos/acme/widget/git/trees/" + C1, null).body());

        assertThat(byField(body.path("tree"), "path")).containsOnlyKeys("README.md", "dir with space", "docs", "src");
    }

    @Test
    void compareReportsAddedModifiedAndRemovedFiles() throws Exception {
        HttpResponse<byte[]> r = get("/repos/acme/widget/compare/" + C1 + "..." + C2, null);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("ahead");
        assertThat(body.path("total_commits").asInt()).isEqualTo(1);
        Map<String, JsonNode> files = byField(body.path("files"), "filename");
        assertThat(files).containsOnlyKeys("docs/old.txt", "src/lib/added.js", "src/main/app.js");
        assertThat(files.get("docs/old.txt").path("status").asText()).isEqualTo("removed");
        assertThat(files.get("src/lib/added.js").path("status").asText()).isEqualTo("added");
        assertThat(files.get("src/main/app.js").path("status").asText()).isEqualTo("modified");
        assertThat(StreamSupport.stream(body.path("files").spliterator(), false)
                .map(f -> f.path("filename").asText()).toList()).isSorted();
    }

    @Test
    void compareReportsAnUnchangedMoveAsARename() throws Exception {
        JsonNode body = JSON.readTree(get("/repos/acme/widget/compare/" + C2 + "..." + C3, null).body());

        Map<String, JsonNode> files = byField(body.path("files"), "filename");
        assertThat(files).containsOnlyKeys("src/lib/moved.js");
        assertThat(files.get("src/lib/moved.js").path("status").asText()).isEqualTo("renamed");
        assertThat(files.get("src/lib/moved.js").path("previous_filename").asText()).isEqualTo("src/lib/added.js");
    }

    @Test
    void compareWithAnUnknownCommitIsNotFound() throws Exception {
        assertThat(get("/repos/acme/widget/compare/" + C1 + "..." + "f".repeat(40), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void compareCapsTheFileListAtThreeHundredLikeGitHub() throws Exception {
        Path big = world.resolve("repos/acme/big");
        Files.createDirectories(big.resolve("b1"));
        Files.writeString(big.resolve("b1/keep.txt"), "keep\n");
        for (int i = 0; i < 305; i++) {
            Path file = big.resolve("b2/pkg/f" + String.format("%03d", i) + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file " + i + "\n");
        }

        JsonNode body = JSON.readTree(get("/repos/acme/big/compare/b1...b2", null).body());

        assertThat(body.path("files")).hasSize(300);
        assertThat(body.path("total_files").asInt()).isEqualTo(306);
        assertThat(body.path("files").get(0).path("filename").asText()).isEqualTo("keep.txt");
    }

    @Test
    void blobsAreFoundByTheirGitIdAcrossCommits() throws Exception {
        String addedSha = JSON.readTree(get("/repos/acme/widget/contents/src/lib/added.js?ref=" + C2, null).body())
                .path("sha").asText();

        JsonNode hello = JSON.readTree(get("/repos/acme/widget/git/blobs/" + TestWorld.HELLO_BLOB_SHA, null).body());
        JsonNode added = JSON.readTree(get("/repos/acme/widget/git/blobs/" + addedSha, null).body());

        assertThat(Base64.getMimeDecoder().decode(hello.path("content").asText())).isEqualTo("hello\n".getBytes());
        assertThat(hello.path("size").asLong()).isEqualTo(6);
        assertThat(new String(Base64.getMimeDecoder().decode(added.path("content").asText()))).contains("x = 1");
        assertThat(get("/repos/acme/widget/git/blobs/" + "0".repeat(40), null).statusCode()).isEqualTo(404);
    }

    @Test
    void everyAnswerCarriesRateLimitHeadersThatCountDown() throws Exception {
        HttpResponse<byte[]> first = get("/repos/acme/widget/contents/README.md?ref=" + C1, null);
        HttpResponse<byte[]> second = get("/repos/acme/widget/contents/nope?ref=" + C1, null);

        assertThat(first.headers().firstValue("x-ratelimit-limit")).hasValue("1000000");
        assertThat(first.headers().firstValue("x-ratelimit-remaining")).hasValue("999999");
        assertThat(first.headers().firstValue("x-ratelimit-used")).hasValue("1");
        assertThat(first.headers().firstValue("x-ratelimit-resource")).hasValue("core");
        assertThat(second.headers().firstValue("x-ratelimit-remaining")).hasValue("999998");
        assertThat(second.headers().firstValue("x-ratelimit-used")).hasValue("2");
        long reset = Long.parseLong(first.headers().firstValue("x-ratelimit-reset").orElseThrow());
        assertThat(second.headers().firstValue("x-ratelimit-reset")).hasValue(Long.toString(reset));
        assertThat(reset).isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3601);
    }

    @Test
    void anExhaustedLimitIsA403WithNothingRemaining() throws Exception {
        try (GitHubSimulator limited = GitHubSimulator.start(world, new SimulatorOptions(0, 0.0, 2, 1), 0)) {
            String url = limited.baseUrl() + "/repos/acme/widget/contents/README.md?ref=" + C1;
            assertThat(send(url, null).statusCode()).isEqualTo(200);
            assertThat(send(url, null).statusCode()).isEqualTo(200);

            HttpResponse<byte[]> refused = send(url, null);
            JsonNode rate = JSON.readTree(send(limited.baseUrl() + "/rate_limit", null).body());

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
            assertThat(JSON.readTree(refused.body()).path("message").asText()).startsWith("API rate limit exceeded");
            assertThat(rate.path("resources").path("core").path("remaining").asInt()).isZero();
            assertThat(rate.path("rate").path("limit").asInt()).isEqualTo(2);
            assertThat(limited.requestCounts()).containsEntry("rate_limited", 1L).containsEntry("contents", 2L)
                    .containsEntry("rate_limit", 1L);
        }
    }

    @Test
    void injectedFaultsAreServerErrorsRateLimitsResetsAndSlowBodies() throws Exception {
        try (GitHubSimulator faulty = GitHubSimulator.start(world, new SimulatorOptions(0, 1.0, 1_000, 7), 0)) {
            java.util.Set<String> seen = new java.util.TreeSet<>();
            int answered = 0;
            for (int i = 0; i < 60; i++) {
                try {
                    HttpResponse<byte[]> response = send(faulty.baseUrl() + "/repos/acme/widget/contents/README.md?ref="
                            + C1, null);
                    seen.add(String.valueOf(response.statusCode()));
                    answered++;
                    if (response.statusCode() == 429) {
                        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
                    }
                    if (response.statusCode() == 200) {
                        assertThat(new String(response.body())).contains("\"sha\":\"" + TestWorld.HELLO_BLOB_SHA);
                    }
                } catch (java.io.IOException reset) {
                    seen.add("reset");
                }
            }
            assertThat(seen).containsExactlyInAnyOrder("200", "429", "502", "503", "reset");
            // slow bodies are correct answers, counted by what they answer
            assertThat(faulty.requestCounts().get("injected_error") + faulty.requestCounts().get("contents"))
                    .isEqualTo(60);
        }
    }

    @Test
    void countsByKindAddUpToTheTotal() throws Exception {
        get("/repos/acme/widget/contents/README.md?ref=" + C1, null);
        get("/repos/acme/widget/git/trees/" + C1 + "?recursive=1", null);
        get("/repos/acme/widget/compare/" + C1 + "..." + C2, null);
        get("/repos/acme/widget/git/blobs/" + TestWorld.HELLO_BLOB_SHA, null);
        get("/nothing/here", null);

        assertThat(sim.requestCounts()).containsOnly(Map.entry("contents", 1L), Map.entry("trees", 1L),
                Map.entry("compare", 1L), Map.entry("blobs", 1L), Map.entry("not_found", 1L));
        assertThat(sim.totalRequests()).isEqualTo(5);
    }

    private HttpResponse<byte[]> get(String pathAndQuery, String accept) throws Exception {
        return send(sim.baseUrl() + pathAndQuery, accept);
    }

    private HttpResponse<byte[]> send(String url, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String rawGet(String rawPath) throws IOException {
        URI base = URI.create(sim.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, JsonNode> byField(JsonNode array, String field) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(node -> out.put(node.path(field).asText(), node));
        return out;
    }
}
