package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class SameOriginGuardTest {

    @Test
    void requestsToTheBaseOriginPass() throws Exception {
        try (StubServer github = new StubServer(200, Map.of(), "ok")) {
            OkHttpClient http = guarded(github.baseUrl());

            try (Response response = http.newCall(new Request.Builder().url(github.baseUrl() + "/repos/a/b").build())
                    .execute()) {
                assertThat(response.code()).isEqualTo(200);
            }
            assertThat(github.hits()).isEqualTo(1);
        }
    }

    @Test
    void anotherPortHostOrSchemeIsRefusedBeforeAnythingIsSent() throws Exception {
        try (StubServer github = new StubServer(200, Map.of(), "ok");
             StubServer attacker = new StubServer(200, Map.of(), "gotcha")) {
            OkHttpClient http = guarded(github.baseUrl());
            int port = HttpUrl.get(github.baseUrl()).port();

            for (String url : new String[] {attacker.baseUrl() + "/repos/a/b", "http://localhost:" + port + "/x",
                    "https://127.0.0.1:" + port + "/x", "http://evil.example:" + port + "/x"}) {
                assertThatThrownBy(() -> http.newCall(new Request.Builder().url(url).build()).execute())
                        .as(url).isInstanceOf(ForeignHostException.class);
            }
            assertThat(attacker.hits()).isZero();
            assertThat(github.hits()).isZero();
        }
    }

    @Test
    void aPathOutsideTheBasePathIsRefusedToo() throws Exception {
        try (StubServer github = new StubServer(200, Map.of(), "ok")) {
            OkHttpClient http = guarded(github.baseUrl() + "/api");

            for (String url : new String[] {github.baseUrl() + "/api-evil/orgs/o/events",
                    github.baseUrl() + "/admin/steal", github.baseUrl() + "/api/../admin", github.baseUrl() + "/"}) {
                assertThatThrownBy(() -> http.newCall(new Request.Builder().url(url).build()).execute())
                        .as(url).isInstanceOf(ForeignHostException.class);
            }
            assertThat(github.hits()).isZero();
            try (Response response = http.newCall(new Request.Builder().url(github.baseUrl() + "/api/graphql")
                    .build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void aNextPageOfOrgEventsOutsideTheBasePathIsRefusedBeforeTheTokenIsSent() throws Exception {
        try (StubServer stub = new StubServer(200, Map.of(), "[]")) {
            GitHubClientConfig config = GitHubClientConfig.forBaseUrl(stub.baseUrl() + "/api", "ghp_secret");
            try (GitHubClient client = new GitHubClient(config)) {
                for (String next : new String[] {stub.baseUrl() + "/api-evil/orgs/o/events?page=2",
                        stub.baseUrl() + "/admin/steal", stub.baseUrl() + "/api/../admin"}) {
                    assertThatThrownBy(() -> client.orgEventsPage(next)).as(next)
                            .isInstanceOf(ForeignHostException.class);
                }
            }
            // an Enterprise base's GraphQL URL may be posted to, but it is no page of events
            GitHubClientConfig enterprise = GitHubClientConfig.forBaseUrl(stub.baseUrl() + "/api/v3", "ghp_secret");
            try (GitHubClient client = new GitHubClient(enterprise)) {
                for (String next : new String[] {stub.baseUrl() + "/api/graphql",
                        stub.baseUrl() + "/api/v3/../graphql"}) {
                    assertThatThrownBy(() -> client.orgEventsPage(next)).as(next)
                            .isInstanceOf(ForeignHostException.class);
                }
            }
            assertThat(stub.hits()).isZero();
        }
    }

    @Test
    void graphQlIsPostedBesideAnEnterpriseBaseAndUnderAnyOtherBase() {
        for (String base : new String[] {"https://ghe.example/api/v3", "https://ghe.example/api/v3/"}) {
            assertThat(GitHubClient.graphQlUrl(HttpUrl.get(base))).as(base)
                    .isEqualTo(HttpUrl.get("https://ghe.example/api/graphql"));
        }
        for (String base : new String[] {"https://api.github.com", "https://api.github.com/"}) {
            assertThat(GitHubClient.graphQlUrl(HttpUrl.get(base))).as(base)
                    .isEqualTo(HttpUrl.get("https://api.github.com/graphql"));
        }
        assertThat(GitHubClient.graphQlUrl(HttpUrl.get("http://127.0.0.1:8080/api")))
                .isEqualTo(HttpUrl.get("http://127.0.0.1:8080/api/graphql"));
        assertThat(GitHubClient.graphQlUrl(HttpUrl.get("https://proxy.example/ghe/api/v3")))
                .isEqualTo(HttpUrl.get("https://proxy.example/ghe/api/graphql"));
    }

    @Test
    void anEnterpriseBaseAllowsItsGraphQlUrlAndNothingElseOutsideTheBasePath() {
        HttpUrl base = HttpUrl.get("https://ghe.example/api/v3");
        SameOriginGuard guard = new SameOriginGuard(base, GitHubClient.graphQlUrl(base));

        assertThat(guard.allows(HttpUrl.get("https://ghe.example/api/graphql"))).isTrue();
        assertThat(guard.allows(HttpUrl.get("https://ghe.example/api/v3/repos/a/b"))).isTrue();
        for (String url : new String[] {"https://ghe.example/api/graphql/", "https://ghe.example/api/graphql/x",
                "https://ghe.example/api/graphql?x=1", "https://ghe.example/api/v4/repos/a/b",
                "https://ghe.example/api", "https://ghe.example/graphql", "http://ghe.example/api/graphql",
                "https://ghe.example:8443/api/graphql", "https://evil.example/api/graphql"}) {
            assertThat(guard.allows(HttpUrl.get(url))).as(url).isFalse();
        }
    }

    @Test
    void aClientOnAnEnterpriseBasePostsGraphQlToApiGraphql() throws Exception {
        try (StubServer ghe = new StubServer(200, Map.of(), "{\"data\":{}}");
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(ghe.baseUrl() + "/api/v3", null))) {
            client.blobs(List.of(new BlobQuery.Wanted("acme/app", "c1", "package.json")));

            assertThat(ghe.lastPath()).isEqualTo("/api/graphql");
            assertThat(ghe.hits()).isEqualTo(1);
        }
    }

    private static OkHttpClient guarded(String baseUrl) {
        HttpUrl base = HttpUrl.get(baseUrl);
        return new OkHttpClient.Builder().addInterceptor(new SameOriginGuard(base, GitHubClient.graphQlUrl(base)))
                .build();
    }
}
