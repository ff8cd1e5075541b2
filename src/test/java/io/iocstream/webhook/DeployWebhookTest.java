package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/webhook holds together: the ConfigMap's file reads with the command's own reader, given exactly the
 * variables the Deployment sets from the Secret it references; the probes and port are the receiver's; and no file
 * there inlines a Secret.
 */
class DeployWebhookTest {

    private static final Path DEPLOY = Path.of("deploy/webhook");
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    @Test
    void theConfigMapReadsWithTheVariablesTheDeploymentSets() throws Exception {
        JsonNode container = YAML.readTree(DEPLOY.resolve("deployment.yaml").toFile())
                .at("/spec/template/spec/containers/0");
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("iocstream-webhook");
            env.put(variable.path("name").asText(), "from-the-secret");
        }
        Path yaml = Files.writeString(dir.resolve("webhook.yaml"), YAML.readTree(DEPLOY.resolve("configmap.yaml")
                .toFile()).at("/data/webhook.yaml").asText());
        WebhookConfig config = WebhookConfigReader.read(yaml, env::get);

        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(config.listen().port());
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/livez");
        assertThat(container.path("args").toString()).contains("\"webhook\"", "/etc/iocstream/webhook.yaml");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/etc/iocstream");
    }

    @Test
    void noSecretIsInlined() throws Exception {
        try (Stream<Path> files = Files.list(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                List<JsonNode> documents = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll();
                for (JsonNode document : documents) {
                    assertThat(document.path("kind").asText()).as(file.toString()).isNotEqualTo("Secret");
                    assertThat(document.has("stringData")).isFalse();
                }
            }
        }
    }
}
