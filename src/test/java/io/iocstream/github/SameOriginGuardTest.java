package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            assertThat(stub.hits()).isZero();
        }
    }

    private static OkHttpClient guarded(String baseUrl) {
        return new OkHttpClient.Builder().addInterceptor(new SameOriginGuard(HttpUrl.get(baseUrl))).build();
    }
}
