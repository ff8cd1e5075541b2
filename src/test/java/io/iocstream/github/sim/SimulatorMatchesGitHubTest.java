package io.iocstream.github.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.github.RecordedExchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator answers the requests @octokit/fixtures recorded against api.github.com in the shape GitHub did:
 * the same status, the same header names for rate limits, ETag, Link and Location, and the same JSON field names
 * where a client reads them. The recordings' repository is served from a world holding their README.
 */
class SimulatorMatchesGitHubTest {

    private static final String REPO = "octokit-fixture-org/hello-world";
    private static final String ORG = "octokit-fixture-org";
    private static final String COMMIT = "2a6c97f6f5dc9166cc2e5d0d95415a386805ca07";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<[^>]*>;\\s*rel=\"(\\w+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path world;
    private GitHubSimulator sim;

    @BeforeEach
    void start() throws Exception {
        RecordedExchange readme = RecordedExchange.find("get-content", "GET", ".*/contents/README.md");
        Path file = world.resolve("repos/" + REPO + "/" + COMMIT + "/README.md");
        Files.createDirectories(file.getParent());
        Files.write(file, readme.body());
        List<String> pushes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pushes.add(EventLines.webhookPush(REPO, "refs/heads/b" + i, COMMIT, COMMIT));
        }
        EventLines.append(world, pushes);
        sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aRawFileAsGitHubAnswersIt() throws Exception {
        RecordedExchange github = RecordedExchange.find("get-content", "GET", ".*/contents/README.md");
        HttpResponse<byte[]> answer = send("GET", "/repos/" + REPO + "/contents/README.md?ref=" + COMMIT,
                github.requestHeaders().get("accept"), null);

        assertSameHeadersAndStatus(answer, github, "etag");
        assertThat(answer.body()).isEqualTo(github.body());
        // GitHub tags a raw file with its blob id, which its directory listing gives as sha
        String sha = RecordedExchange.find("get-content", "GET", ".*/contents/").response().get(0).path("sha").asText();
        assertThat(github.header("ETag")).hasValue("\"" + sha + "\"");
        assertThat(answer.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
    }

    @Test
    void aFirstPageAsGitHubPagesIt() throws Exception {
        RecordedExchange github = RecordedExchange.scenario("paginate-issues").stream()
                .filter(e -> e.method().equals("GET")).findFirst().orElseThrow();
        HttpResponse<byte[]> answer = send("GET", "/orgs/" + ORG + "/events?per_page=3", "application/vnd.github+json",
                null);

        assertSameHeadersAndStatus(answer, github, "etag", "link");
        assertThat(rels(answer.headers().firstValue("Link").orElseThrow()))
                .isEqualTo(rels(github.header("Link").orElseThrow())).containsExactlyInAnyOrder("next", "last");
        JsonNode page = JSON.readTree(answer.body());
        assertThat(page.isArray()).isEqualTo(github.response().isArray());
        assertThat(page).hasSize(github.response().size()).allMatch(item -> item.hasNonNull("id"));
        assertThat(github.response()).allMatch(item -> item.hasNonNull("id"));
    }

    @Test
    void aRefusalHasGitHubsErrorFields() throws Exception {
        RecordedExchange github = RecordedExchange.find("errors", "POST", ".*/labels");
        // past the 300 events GitHub keeps, and a status GitHub does not know: both 422
        HttpResponse<byte[]> pastTheEnd = send("GET", "/orgs/" + ORG + "/events?per_page=100&page=4",
                "application/vnd.github+json", null);
        HttpResponse<byte[]> badState = send("POST", "/repos/" + REPO + "/statuses/" + COMMIT,
                "application/vnd.github+json", "{\"state\": \"invalid\"}");

        assertSameHeadersAndStatus(pastTheEnd, github);
        assertSameHeadersAndStatus(badState, github);
        assertThat(fieldNames(JSON.readTree(pastTheEnd.body()))).contains("message", "documentation_url");
        assertThat(fieldNames(JSON.readTree(badState.body()))).containsAll(fieldNames(github.response()));
        JsonNode detail = JSON.readTree(badState.body()).path("errors").get(0);
        assertThat(fieldNames(detail)).isEqualTo(fieldNames(github.response().path("errors").get(0)));

        HttpResponse<byte[]> unknownCommit = send("POST", "/repos/" + REPO + "/statuses/" + "f".repeat(40),
                "application/vnd.github+json", "{\"state\": \"failure\"}");
        assertSameHeadersAndStatus(unknownCommit, github);
        assertThat(JSON.readTree(unknownCommit.body()).path("message").asText()).startsWith("No commit found for SHA");
        assertThat(sim.commitStatuses()).isEmpty();
    }

    @Test
    void aCommitStatusIsRecordedAndAnsweredAsGitHubDoes() throws Exception {
        RecordedExchange github = RecordedExchange.scenario("create-status").stream()
                .filter(e -> e.method().equals("POST") && e.path().contains("/statuses/")).findFirst().orElseThrow();
        HttpResponse<byte[]> answer = send("POST", "/repos/" + REPO + "/statuses/" + COMMIT,
                github.requestHeaders().get("accept"), JSON.writeValueAsString(github.requestBody()));

        assertSameHeadersAndStatus(answer, github, "location");
        JsonNode status = JSON.readTree(answer.body());
        assertThat(fieldNames(status)).isEqualTo(fieldNames(github.response()));
        assertThat(fieldNames(github.response().path("creator"))).containsAll(fieldNames(status.path("creator")));
        assertThat(answer.headers().firstValue("Location")).hasValue(status.path("url").asText());
        JsonNode asked = github.requestBody();
        assertThat(sim.commitStatuses()).containsExactly(new CommitStatus(REPO, COMMIT, asked.path("state").asText(),
                asked.path("target_url").asText(), asked.path("description").asText(), asked.path("context").asText()));
        for (String field : List.of("state", "target_url", "description", "context")) {
            assertThat(status.path(field)).isEqualTo(asked.path(field));
        }
    }

    /**
     * The same status, and every rate-limit header GitHub sent (and each of {@code alsoNamed} that it sent) under
     * the same name.
     */
    private static void assertSameHeadersAndStatus(HttpResponse<byte[]> answer, RecordedExchange github,
                                                   String... alsoNamed) {
        assertThat(answer.statusCode()).isEqualTo(github.status());
        Set<String> names = new HashSet<>();
        answer.headers().map().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        List<String> expected = new ArrayList<>(github.headerNames().stream()
                .filter(name -> name.startsWith("x-ratelimit-")).toList());
        assertThat(expected).hasSize(5);
        for (String name : alsoNamed) {
            assertThat(github.headerNames()).contains(name);
            expected.add(name);
        }
        assertThat(names).containsAll(expected);
    }

    private static Set<String> rels(String link) {
        Set<String> rels = new HashSet<>();
        Matcher m = LINK.matcher(link);
        while (m.find()) {
            rels.add(m.group(1));
        }
        return rels;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery, String accept, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
