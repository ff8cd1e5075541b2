package io.iocstream.github.sim;

import static io.iocstream.github.sim.TestWorld.C1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's GraphQL reader on long strings: an answer, not a stack overflow, and the next query served. */
class GraphQlBlobsTest {

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
    void aLongExpressionIsAnsweredAsAPathThatIsNotThere() throws Exception {
        String longPath = "a/".repeat(50_000) + "package.json";
        HttpResponse<byte[]> response = post(query("acme", "widget", C1 + ":" + longPath));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(response.body()).path("data");
        assertThat(data.path("r0").has("f0")).isTrue();
        assertThat(data.path("r0").path("f0").isNull()).isTrue();
        assertThat(readme().statusCode()).isEqualTo(200);
    }

    @Test
    void aLongStringFullOfEscapesIsAnsweredToo() throws Exception {
        HttpResponse<byte[]> response = post(query("acme\\\"".repeat(20_000), "widget", C1 + ":README.md"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("data").path("r0").isNull()).isTrue();
        assertThat(readme().statusCode()).isEqualTo(200);
    }

    @Test
    void escapedQuotesInsideAStringAreReadAsPartOfIt() throws Exception {
        HttpResponse<byte[]> response = post(query("acme", "widget", C1 + ":dir with space/a#b.txt"));

        assertThat(JSON.readTree(response.body()).path("data").path("r0").path("f0").path("text").asText())
                .isEqualTo("odd\n");
    }

    private HttpResponse<byte[]> readme() throws Exception {
        HttpResponse<byte[]> response = post(query("acme", "widget", C1 + ":README.md"));
        assertThat(JSON.readTree(response.body()).path("data").path("r0").path("f0").path("text").asText())
                .isEqualTo("hello\n");
        return response;
    }

    /** A blob query as the client writes it; {@code owner} is put in as written (escapes included). */
    private static String query(String owner, String name, String expression) throws IOException {
        String graphQl = "query { r0: repository(owner: \"" + owner + "\", name: " + JSON.writeValueAsString(name)
                + ") { f0: object(expression: " + JSON.writeValueAsString(expression)
                + ") { ... on Blob { oid byteSize isBinary isTruncated text } } } }";
        return JSON.createObjectNode().put("query", graphQl).toString();
    }

    private HttpResponse<byte[]> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/graphql"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
