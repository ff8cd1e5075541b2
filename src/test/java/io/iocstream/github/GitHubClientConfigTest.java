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

        assertThat(config.toString()).doesNotContain("ghp_s3cr3t").contains("token=***");
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
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("ftp://x", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("https://api.github.com", null)
                .withRetries(-1, Duration.ofMillis(1), Duration.ofMillis(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubClientConfig.forBaseUrl("https://api.github.com", null)
                .withRetries(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
