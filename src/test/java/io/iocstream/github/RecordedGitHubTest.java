package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client against GitHub's real answers (@octokit/fixtures' recordings of api.github.com, replayed with their
 * status, headers and body): it sends the requests GitHub expects, reads the rate-limit headers, follows GitHub's
 * Link pagination, makes one line of a 422's error body, and does not follow a redirect to another host.
 */
class RecordedGitHubTest {

    private static final String COMMIT = "2a6c97f6f5dc9166cc2e5d0d95415a386805ca07";

    @Test
    void aFileIsReadWithTheRawMediaTypeAndTheRateLimitHeadersAreRead() throws Exception {
        RecordedExchange raw = RecordedExchange.find("get-content", "GET", ".*/contents/README.md");
        try (ReplayServer github = new ReplayServer(path -> raw);
             GitHubClient client = new GitHubClient(client(github))) {
            byte[] content = client.fileContent("octokit-fixture-org/hello-world", COMMIT, "README.md");

            assertThat(content).isEqualTo(raw.body());
            ReplayServer.Received sent = github.received().get(0);
            assertThat(sent.method()).isEqualTo(raw.method());
            assertThat(sent.pathAndQuery()).isEqualTo(raw.path() + "?ref=" + COMMIT);
            // GitHub's raw media type, as the recording asked for it (v3.raw is its older name)
            assertThat(rawMediaType(sent.accept())).isTrue();
            assertThat(rawMediaType(raw.requestHeaders().get("accept"))).isTrue();
            double remaining = Double.parseDouble(raw.header("X-RateLimit-Remaining").orElseThrow());
            double limit = Double.parseDouble(raw.header("X-RateLimit-Limit").orElseThrow());
            assertThat(client.rateBudgetLeft()).isEqualTo(remaining / limit);
        }
    }

    @Test
    void aCommitStatusIsPostedAsGitHubTookIt() throws Exception {
        // the first of the two: a failure, as iocstream sets for a push that brought a finding in
        RecordedExchange create = RecordedExchange.scenario("create-status").stream()
                .filter(e -> e.method().equalsIgnoreCase("POST") && e.path().contains("/statuses/")).findFirst()
                .orElseThrow();
        JsonNode asked = create.requestBody();
        String repo = create.path().replaceFirst("^/repos/([^/]+/[^/]+)/statuses/.*$", "$1");
        try (ReplayServer github = new ReplayServer(path -> create);
             GitHubClient client = new GitHubClient(client(github))) {
            client.createCommitStatus(repo, COMMIT, asked.path("state").asText(), asked.path("description").asText(),
                    asked.path("context").asText(), asked.path("target_url").asText());

            ReplayServer.Received sent = github.received().get(0);
            assertThat(sent.method()).isEqualToIgnoringCase(create.method());
            assertThat(sent.pathAndQuery()).isEqualTo(create.path());
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.body())).isEqualTo(asked);
            assertThat(create.status()).isEqualTo(201);
        }
    }

    @Test
    void githubsLinkPaginationIsFollowedToTheLastPage() throws Exception {
        List<RecordedExchange> pages = RecordedExchange.scenario("paginate-issues").stream()
                .filter(e -> e.method().equals("GET")).toList();
        try (ReplayServer github = ReplayServer.of(pages);
             GitHubClient client = new GitHubClient(client(github))) {
            List<String> ids = new ArrayList<>();
            List<String> etags = new ArrayList<>();
            EventsPage page = client.orgEventsPage(github.baseUrl() + pages.get(0).path());
            while (true) {
                page.events().forEach(item -> ids.add(item.id()));
                etags.add(page.etag());
                if (page.nextUrl() == null) {
                    break;
                }
                page = client.orgEventsPage(page.nextUrl());
            }

            assertThat(github.received()).extracting(ReplayServer.Received::pathAndQuery)
                    .containsExactlyElementsOf(pages.stream().map(RecordedExchange::path).toList());
            assertThat(ids).containsExactlyElementsOf(pages.stream()
                    .flatMap(p -> stream(p.response())).map(issue -> issue.path("id").asText()).toList());
            assertThat(etags).containsExactlyElementsOf(pages.stream()
                    .map(p -> p.header("ETag").orElseThrow()).toList());
            assertThat(ids).hasSize(13);
        }
    }

    @Test
    void aValidationErrorIsOneLineWithWhatGitHubSaysFailed() throws Exception {
        RecordedExchange invalid = RecordedExchange.find("errors", "POST", ".*/labels");
        try (ReplayServer github = new ReplayServer(path -> invalid);
             GitHubClient client = new GitHubClient(client(github))) {
            Throwable thrown = catchThrowable(() -> client.orgEvents("octokit-fixture-org", null));

            JsonNode error = invalid.response().path("errors").get(0);
            assertThat(thrown).isInstanceOfSatisfying(GitHubApiException.class,
                    e -> assertThat(e.status()).isEqualTo(422)).hasMessage("GitHub API 422: "
                    + invalid.response().path("message").asText() + " (" + error.path("resource").asText() + "."
                    + error.path("field").asText() + " " + error.path("code").asText()
                    + ") (GET /orgs/octokit-fixture-org/events, 1 attempt)");
            assertThat(thrown.getMessage()).doesNotContain("\n");
            // a 422 is final: not retried
            assertThat(github.received()).hasSize(1);
        }
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() throws Exception {
        RecordedExchange redirect = RecordedExchange.find("get-archive", "GET", ".*/tarball/main");
        try (ReplayServer github = new ReplayServer(path -> redirect);
             GitHubClient client = new GitHubClient(client(github))) {
            Throwable thrown = catchThrowable(() -> client.fileContent("octokit-fixture-org/hello-world", COMMIT,
                    "README.md"));

            assertThat(redirect.header("Location").orElseThrow()).startsWith("https://codeload.github.com/");
            assertThat(thrown).isInstanceOfSatisfying(GitHubApiException.class,
                    e -> assertThat(e.status()).isEqualTo(302))
                    .hasMessageContaining("redirected to https://codeload.github.com, not followed");
            assertThat(github.received()).hasSize(1);
        }
    }

    private static GitHubClientConfig client(ReplayServer github) {
        // the recordings' rate-limit windows are long over: the whole window, and no waiting for a reset
        return GitHubClientConfig.forBaseUrl(github.baseUrl(), "ghp_replayed_stand_in_token")
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(10)).withRateLimitShare(1.0);
    }

    private static boolean rawMediaType(String accept) {
        return accept.matches("application/vnd\\.github(\\.v3)?\\.raw(\\+json)?");
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
