package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.HookDeliveries;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.job.JobConfigReader;
import io.iocstream.match.Finding;
import io.iocstream.testing.KafkaBrokerExtension;
import io.iocstream.webhook.WebhookConfigReader;
import io.iocstream.webhook.WebhookService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver, the job and the simulator together: the simulator's hook delivers the sample world's first push,
 * signed, to the receiver, which writes it to the job's input topic; the job (a local cluster, RocksDB, a checkpoint a
 * second) baselines the new repository through the simulator's API and the finding comes out of the findings topic,
 * read as consumers must ({@code read_committed}).
 */
class WebhookJobIT {

    private static final String SECRET = "webhook-job-secret";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void aSignedWebhookInIsAFindingOut() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        String push = Files.readAllLines(world.resolve("events.ndjson"), StandardCharsets.UTF_8).get(0);
        try (GitHubSimulator github = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0)) {
            KafkaWorld topics = KafkaWorld.withoutEvents(kafka, "webhook", world);
            Path receiverYaml = Files.writeString(dir.resolve("webhook.yaml"), """
                    listen: {host: 127.0.0.1, port: 0}
                    secrets:
                      - env: WEBHOOK_SECRET
                    kafka:
                      bootstrap_servers: "%s"
                      topic: %s
                    """.formatted(kafka.bootstrapServers(), topics.eventsTopic()));
            Map<String, String> env = Map.of("WEBHOOK_SECRET", SECRET);
            Path jobYaml = topics.writeJobYaml(dir.resolve("job.yaml"), github.baseUrl(), KafkaWorld.TOKEN_AUTH, null,
                    false);
            try (WebhookService receiver = WebhookService.start(WebhookConfigReader.read(receiverYaml, env::get),
                    env::get);
                    JobRun job = JobRun.start(JobConfigReader.read(jobYaml, System::getenv), KafkaWorld.flinkConfiguration(dir))) {
                HookDeliveries hook = github.hook();
                hook.configure(receiver.deliveryUri(), SECRET);
                HookDeliveries.Attempt delivered = hook.deliver("push", push.getBytes(StandardCharsets.UTF_8));
                assertThat(delivered.statusCode()).as(delivered.status()).isEqualTo(202);

                List<Finding> findings = topics.awaitFindings(1);
                assertThat(findings).extracting(SampleWorldFindings::fields)
                        .containsExactly(SampleWorldFindings.EXPECTED.get(0));
                job.job().cancel().get();
            }
        }
    }
}
