package io.iocstream.github.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /orgs/ORG/events} as GitHub serves it: newest first, paged, at most 300, ETag and 304. */
class OrgEventsEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path world;
    private GitHubSimulator sim;

    @BeforeEach
    void start() throws Exception {
        TestWorld.write(world);
        List<String> lines = new ArrayList<>(EventLines.pushes(0, 3));
        lines.add(EventLines.issuesEvent("99", TestWorld.REPO));
        lines.add(EventLines.webhookPush("other/thing", "refs/heads/main", TestWorld.C1, TestWorld.C2));
        lines.add("{not json");
        EventLines.append(world, lines);
        sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withPollIntervalSeconds(7), 0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void listsTheOrgsEventsNewestFirstWithWebhookPushesAsEventsApiPushEvents() throws Exception {
        HttpResponse<String> r = get("/orgs/acme/events", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Poll-Interval")).hasValue("7");
        assertThat(r.headers().firstValue("ETag").orElseThrow()).startsWith("W/\"");
        JsonNode events = JSON.readTree(r.body());
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("IssuesEvent", "PushEvent", "PushEvent", "PushEvent");
        assertThat(events).extracting(e -> e.path("payload").path("ref").asText(""))
                .containsExactly("", "refs/heads/b2", "refs/heads/b1", "refs/heads/b0");
        JsonNode push = events.get(1);
        assertThat(push.path("repo").path("name").asText()).isEqualTo(TestWorld.REPO);
        assertThat(push.path("payload").path("head").asText()).isEqualTo(TestWorld.C2);
        assertThat(push.path("payload").path("before").asText()).isEqualTo(TestWorld.C1);
        // since 2025-10 the Events API carries no commits
        assertThat(push.path("payload").has("commits")).isFalse();
        assertThat(push.path("id").asText()).isNotEqualTo(events.get(2).path("id").asText());
    }

    @Test
    void aMatchingIfNoneMatchIsAnswered304WithoutChargingTheRateLimit() throws Exception {
        HttpResponse<String> first = get("/orgs/acme/events", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String remaining = first.headers().firstValue("x-ratelimit-remaining").orElseThrow();

        HttpResponse<String> again = get("/orgs/acme/events", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().firstValue("X-Poll-Interval")).hasValue("7");
        assertThat(again.headers().firstValue("x-ratelimit-remaining")).hasValue(remaining);
        assertThat(get("/orgs/acme/events", "W/\"stale\"").statusCode()).isEqualTo(200);
    }

    @Test
    void theEtagChangesWhenTheWorldGrows() throws Exception {
        String etag = get("/orgs/acme/events", null).headers().firstValue("ETag").orElseThrow();

        EventLines.append(world, EventLines.pushes(3, 1));
        HttpResponse<String> grown = get("/orgs/acme/events", etag);

        assertThat(grown.statusCode()).isEqualTo(200);
        assertThat(grown.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(JSON.readTree(grown.body()).get(0).path("payload").path("ref").asText())
                .isEqualTo("refs/heads/b3");
    }

    @Test
    void pagesFollowLinkNextAndStopAtThreeHundredEvents() throws Exception {
        EventLines.append(world, EventLines.pushes(3, 400));
        List<String> refs = new ArrayList<>();
        String next = sim.baseUrl() + "/orgs/acme/events?per_page=100";
        String lastLink = null;
        while (next != null) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(next)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            JSON.readTree(page.body()).forEach(e -> refs.add(e.path("payload").path("ref").asText()));
            lastLink = page.headers().firstValue("Link").orElse(null);
            next = nextLink(lastLink);
        }

        assertThat(refs).hasSize(300).doesNotHaveDuplicates();
        assertThat(refs.get(0)).isEqualTo("refs/heads/b402");
        assertThat(refs.get(299)).isEqualTo("refs/heads/b103");
        assertThat(lastLink).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(get("/orgs/acme/events?per_page=100&page=4", null).statusCode()).isEqualTo(422);
    }

    @Test
    void anUnknownOrgIsNotFound() throws Exception {
        assertThat(get("/orgs/nobody/events", null).statusCode()).isEqualTo(404);
        assertThat(get("/orgs/other/events", null).statusCode()).isEqualTo(200);
    }

    private static String nextLink(String link) {
        if (link == null) {
            return null;
        }
        for (String part : link.split(",")) {
            if (part.contains("rel=\"next\"")) {
                return part.substring(part.indexOf('<') + 1, part.indexOf('>'));
            }
        }
        return null;
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
