package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubCredentials;
import org.junit.jupiter.api.Test;

/** The job graph names credentials (a variable, a key file) and the rate-limit share; the task manager resolves them. */
class FetchSettingsTest {

    @Test
    void todaysSettingsReadTheTokenVariableAndSpendTheDefaultShare() {
        GitHubClientConfig config = FetchSettings.of("https://api.github.com", "IOCSTREAM_TEST_TOKEN",
                FetchStrategy.ADAPTIVE).clientConfig();

        assertThat(config.token()).isEqualTo(System.getenv("IOCSTREAM_TEST_TOKEN")).isNotBlank();
        assertThat(config.rateLimitShare()).isEqualTo(GitHubClientConfig.DEFAULT_RATE_LIMIT_SHARE);
    }

    @Test
    void anAppAndAShareReachTheClient() {
        GitHubCredentials.App app = new GitHubCredentials.App("Iv1.abc", "/var/run/secrets/github-app/key.pem", 7);
        FetchSettings settings = FetchSettings.of("https://api.github.com", "IOCSTREAM_TEST_TOKEN",
                FetchStrategy.ADAPTIVE).withApp(app).withRateLimitShare(0.5);

        assertThat(settings.clientConfig().credentials()).isEqualTo(app);
        assertThat(settings.clientConfig().rateLimitShare()).isEqualTo(0.5);
        // equal settings share one fetch service per task manager
        assertThat(settings).isEqualTo(FetchSettings.of("https://api.github.com", "IOCSTREAM_TEST_TOKEN",
                FetchStrategy.ADAPTIVE).withApp(app).withRateLimitShare(0.5));
    }
}
