package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.job.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped flink-conf/webhook.yaml reads as documented; defaults fill what a short file leaves out. */
class WebhookConfigReaderTest {

    private static final Map<String, String> ENV = Map.of("IOCSTREAM_WEBHOOK_SECRET", "s", "IOCSTREAM_HOOK_TOKEN",
            "t");

    @TempDir
    Path dir;

    @Test
    void theShippedFileReads() {
        WebhookConfig config = WebhookConfigReader.read(Path.of("flink-conf/webhook.yaml"), ENV::get);
        assertThat(config.listen()).isEqualTo(new WebhookConfig.Listen("0.0.0.0", 8080, "/webhook"));
        assertThat(config.kafka().topic()).isEqualTo("github-pushes");
        assertThat(config.kafka().sendTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.dedup().window()).isEqualTo(Duration.ofHours(72));
        assertThat(config.redeliver().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.redeliver().hookId()).isEqualTo(123456789L);
    }

    @Test
    void aShortFileTakesTheDefaults() throws Exception {
        Path yaml = Files.writeString(dir.resolve("w.yaml"), """
                secrets: [{env: IOCSTREAM_WEBHOOK_SECRET}]
                kafka: {bootstrap_servers: "k:9092", topic: pushes}
                """);
        WebhookConfig config = WebhookConfigReader.read(yaml, ENV::get);
        assertThat(config.listen().port()).isEqualTo(8080);
        assertThat(config.dedup().maxEntries()).isEqualTo(WebhookConfig.Dedup.DEFAULT_MAX_ENTRIES);
        assertThat(config.redeliver()).isNull();
    }

    @Test
    void anAppHookTakesNoOrganisation() throws Exception {
        Path key = Files.writeString(dir.resolve("app.pem"), "not read here");
        Path yaml = Files.writeString(dir.resolve("w.yaml"), """
                secrets: [{env: IOCSTREAM_WEBHOOK_SECRET}]
                kafka: {bootstrap_servers: "k:9092", topic: pushes}
                redeliver: {org: acme, app: {app_id: Iv1.x, private_key_file: %s}}
                """.formatted(key));
        assertThatThrownBy(() -> WebhookConfigReader.read(yaml, ENV::get)).isInstanceOf(ConfigException.class)
                .hasMessage("redeliver.org: not with app: an App's hook is its own");
    }
}
