package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitHubClientConfigTest {

    @Test
    void defaultsAreGitHubFriendly() {
        GitHubClientConfig config = GitHubClientConfig.forBaseUrl("https://api.github.com", null);

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theTokenNeverAppearsInToString() {
        GitHubClientConfig config = GitHubClientConfig.forBaseUrl("https://api.github.com", "ghp_s3cr3t");

        assertThat(config.toString()).doesNotContain("ghp_s3cr3t").contains("credentials=token ***");
        assertThat(config.withRetries(1, Duration.ofMillis(1), Duration.ofMillis(2)).toString())
                .doesNotContain("ghp_s3cr3t");
    }

    @Test
    void aTokenIsNeverSentInClearTextBeyondThisMachine() {
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("http://github.example.com", "ghp_s3cr3t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("ghp_s3cr3t");
        assertThat(GitHubClientConfig.forBaseUrl("http://127.0.0.1:8080", "ghp_s3cr3t").token()).isNotNull();
        assertThat(GitHubClientConfig.forBaseUrl("http://github.example.com", null).token()).isNull();
    }

    @Test
    void anAppIsNamedByItsIdsAndKeyFileAndNeverAsksForTokensInClearText() {
        GitHubCredentials.App app = new GitHubCredentials.App("Iv1.abc", "/var/run/secrets/app.pem", 42);

        assertThat(GitHubClientConfig.of("https://api.github.com", app).credentials()).isEqualTo(app);
        assertThat(GitHubClientConfig.of("https://api.github.com", app).token()).isNull();
        assertThatThrownBy(() -> GitHubClientConfig.of("http://github.example.com", app))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GitHubCredentials.App("Iv1.abc\",\"x", "/k.pem", 42))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GitHubCredentials.App("Iv1.abc", "/k.pem", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsResolveToTheAppOrTheTokenInTheirVariable() {
        GitHubCredentials.App app = new GitHubCredentials.App("123", "/k.pem", 7);

        assertThat(GitHubCredentials.resolve("IOCSTREAM_TEST_TOKEN", app)).isEqualTo(app);
        assertThat(GitHubCredentials.resolve("IOCSTREAM_TEST_TOKEN", null)).isInstanceOfSatisfying(
                GitHubCredentials.Token.class, token -> assertThat(token.value()).isNotBlank());
        assertThat(GitHubCredentials.resolve(null, null)).isEqualTo(GitHubCredentials.anonymous());
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("ftp://x", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("https://api.github.com", null).withRateLimitShare(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("https://api.github.com", null).withRateLimitShare(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("https://api.github.com", null)
                .withRetries(-1, Duration.ofMillis(1), Duration.ofMillis(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("https://api.github.com", null)
                .withRetries(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
