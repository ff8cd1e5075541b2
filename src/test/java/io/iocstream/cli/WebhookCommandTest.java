package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.HookDeliveries;
import io.iocstream.github.sim.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webhook --config FILE} and {@code webhook redeliver --config FILE} refuse a bad configuration before anything
 * starts: exit code 2 and one line naming the key. {@code webhook redeliver} against the simulator asks for the one
 * failed delivery and prints what it did. Secrets come from a file here (the build sets no secret variable); the
 * token variable is the one the build sets (IOCSTREAM_TEST_TOKEN).
 */
class WebhookCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private String config() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
        return """
                secrets:
                  - file: %s
                kafka:
                  bootstrap_servers: "127.0.0.1:1"
                  topic: github-pushes
                """.formatted(secret);
    }

    @Test
    void anUnknownKey() throws Exception {
        assertRefused(config().replace("topic:", "topik:"), "iocstream: config error: kafka.topik: unknown key");
    }

    @Test
    void aMissingRequiredKey() throws Exception {
        assertRefused(config().replace("  topic: github-pushes\n", ""), "iocstream: config error: kafka.topic: required");
    }

    @Test
    void aBadValue() throws Exception {
        assertRefused(config() + "  send_timeout: 30s\n",
                "iocstream: config error: kafka.send_timeout: must be between 100ms and 4s");
        assertRefused(config() + "listen: {port: 70000}\n", "iocstream: config error: listen.port: must be between");
    }

    @Test
    void aSecretVariableThatIsNotSet() throws Exception {
        assertRefused(config().replace("  - file: " + dir.resolve("secret"), "  - env: IOCSTREAM_NOT_SET_4F1C"),
                "iocstream: config error: secrets[0].env: environment variable IOCSTREAM_NOT_SET_4F1C is not set");
    }

    @Test
    void aSecretFileThatIsEmptyOrMissing() throws Exception {
        String yaml = config();
        Files.writeString(dir.resolve("secret"), "\n");
        assertRefused(yaml, "iocstream: config error: secrets[0].file: empty: " + dir.resolve("secret"));
        Files.delete(dir.resolve("secret"));
        assertRefused(yaml, "iocstream: config error: secrets[0].file: cannot read " + dir.resolve("secret"));
    }

    @Test
    void aSecretGivenInTheFileItself() throws Exception {
        assertRefused(config().replace("  - file: " + dir.resolve("secret"), "  - env: \"abc def\""),
                "iocstream: config error: secrets[0].env: the name of an environment variable");
    }

    @Test
    void threeSecrets() throws Exception {
        String one = "  - file: " + dir.resolve("secret") + "\n";
        assertRefused(config().replace(one, one + one + one),
                "iocstream: config error: secrets: one secret, or two while one replaces the other, got 3");
    }

    @Test
    void aRedeliveryTokenVariableThatIsNotSet() throws Exception {
        assertRefused(config() + "redeliver: {org: acme, hook_id: 1, token_env: IOCSTREAM_NOT_SET_4F1C}\n",
                "iocstream: config error: redeliver.token_env: environment variable IOCSTREAM_NOT_SET_4F1C is not set");
    }

    @Test
    void anOrganisationHookWithoutItsId() throws Exception {
        assertRefused(config() + "redeliver: {org: acme, token_env: IOCSTREAM_TEST_TOKEN}\n",
                "iocstream: config error: redeliver.hook_id: required");
    }

    @Test
    void noConfigAtAll() {
        assertThat(run("webhook")).isEqualTo(2);
        assertOneLine("iocstream: webhook: --config FILE is required");
    }

    @Test
    void redeliverWithoutARedeliverSection() throws Exception {
        assertThat(run("webhook", "redeliver", "--config", write(config()).toString())).isEqualTo(2);
        assertOneLine("iocstream: config error: redeliver: required by 'webhook redeliver'");
    }

    @Test
    void redeliverAsksForWhatFailed() throws Exception {
        Files.createDirectories(dir.resolve("world/repos"));
        try (GitHubSimulator github = GitHubSimulator.start(dir.resolve("world"), SimulatorOptions.defaults(), 0)) {
            HookDeliveries hook = github.hook();
            // nothing listens there: GitHub's delivery fails to connect
            hook.configure(URI.create("http://127.0.0.1:1/webhook"), "s3cret");
            hook.deliver("push", "{}".getBytes(StandardCharsets.UTF_8));
            Path config = write(config() + """
                    redeliver:
                      api_base_url: %s
                      org: acme
                      hook_id: 1
                      token_env: IOCSTREAM_TEST_TOKEN
                    """.formatted(github.baseUrl()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                assertThat(run("webhook", "redeliver", "--config", config.toString())).as(err.toString()).isZero();
            } finally {
                System.setOut(stdout);
            }
            assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("1 deliveries listed, 1 events not "
                    + "delivered, 1 redeliveries asked for, 0 given up after the most attempts");
            assertThat(hook.attempts()).hasSize(2);
            assertThat(hook.attempts().get(0).redelivery()).isTrue();
        }
    }

    private void assertRefused(String yaml, String line) throws Exception {
        StringWriter fresh = new StringWriter();
        assertThat(Main.run(new PrintWriter(fresh, true), "webhook", "--config", write(yaml).toString())).isEqualTo(2);
        assertThat(fresh.toString()).startsWith(line).doesNotContain("s3cret");
        assertThat(fresh.toString().strip().lines()).hasSize(1);
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("webhook.yaml"), yaml);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private void assertOneLine(String start) {
        assertThat(err.toString()).startsWith(start);
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
