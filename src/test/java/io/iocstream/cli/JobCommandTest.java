package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job --config FILE} refuses a bad configuration before anything starts: exit code 2 and one line that names
 * the key, for each kind of error. The token variable is the one the build sets for tests (IOCSTREAM_TEST_TOKEN).
 */
class JobCommandTest {

    private static final String CONFIG = """
            sources:
              kafka: {bootstrap_servers: "127.0.0.1:1", topic: pushes, group_id: g}
            github:
              api_base_url: http://127.0.0.1:1
              token_env: IOCSTREAM_TEST_TOKEN
            feeds:
              directory: /feeds
            sinks:
              kafka:
                bootstrap_servers: "127.0.0.1:1"
                findings_topic: findings
                dead_letters_topic: dead-letters
                transactional_id_prefix: test
            """;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void anUnknownKey() throws Exception {
        assertRefused(CONFIG.replace("findings_topic:", "findings_topik:"),
                "iocstream: config error: sinks.kafka.findings_topik: unknown key");
    }

    @Test
    void aMissingRequiredKey() throws Exception {
        assertRefused(CONFIG.replace("    findings_topic: findings\n", ""),
                "iocstream: config error: sinks.kafka.findings_topic: required");
    }

    @Test
    void aBadValue() throws Exception {
        assertRefused(CONFIG.replace("prefix: test", "prefix: test\n    transaction_timeout: 0s"),
                "iocstream: config error: sinks.kafka.transaction_timeout: must be more than 0");
    }

    @Test
    void aTokenVariableThatIsNotSet() throws Exception {
        assertRefused(CONFIG.replace("IOCSTREAM_TEST_TOKEN", "IOCSTREAM_NOT_SET_4F1C"),
                "iocstream: config error: github.token_env: environment variable IOCSTREAM_NOT_SET_4F1C is not set");
    }

    @Test
    void noFeedsUnlessAllowed() throws Exception {
        assertRefused(CONFIG.replace("feeds:\n  directory: /feeds\n", ""),
                "iocstream: config error: feeds: no IOC entries loaded (feeds.directory and feeds.kafka not set)");
    }

    @Test
    void aFeedDirectoryThatIsNotThere() throws Exception {
        Path config = write(CONFIG.replace("/feeds", dir.resolve("no-feeds").toString()));
        Files.writeString(dir.resolve("config.yaml"), "parallelism.default: 1\n");
        assertThat(run("job", "--config", config.toString())).isEqualTo(2);
        assertOneLine("iocstream: config error: feeds.directory: not a directory: " + dir.resolve("no-feeds"));
    }

    @Test
    void anAppKeyFileThatCannotBeRead() throws Exception {
        Path key = dir.resolve("no-app.pem");
        Path config = write(CONFIG.replace("/feeds", dir.toString()).replace("token_env: IOCSTREAM_TEST_TOKEN",
                "app: {app_id: Iv1.abc, private_key_file: " + key + ", installation_id: 1}"));
        Files.writeString(dir.resolve("config.yaml"), "parallelism.default: 1\n");
        assertThat(run("job", "--config", config.toString())).isEqualTo(2);
        assertOneLine("iocstream: config error: github.app.private_key_file: cannot read " + key);
    }

    @Test
    void anAlertSecretFileThatCannotBeRead() throws Exception {
        Path key = dir.resolve("no-routing-key");
        Path config = write(CONFIG.replace("/feeds", dir.toString()) + """
                  alerts:
                    receivers: [{name: oncall, type: pagerduty, secret_file: %s}]
                    routes: [{name: page, receiver: oncall}]
                """.formatted(key));
        Files.writeString(dir.resolve("config.yaml"), "parallelism.default: 1\n");
        assertThat(run("job", "--config", config.toString())).isEqualTo(2);
        assertOneLine("iocstream: config error: sinks.alerts.receivers[0].secret_file: cannot read " + key);
    }

    @Test
    void aMissingConfigFile() {
        assertThat(run("job", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertOneLine("iocstream: config error: --config: no such file");
    }

    @Test
    void aFlinkConfDirectoryWithoutConfigYaml() throws Exception {
        Path config = write(CONFIG.replace("/feeds", dir.toString()));
        assertThat(run("job", "--config", config.toString())).isEqualTo(2);
        assertOneLine("iocstream: config error: --flink-conf: no config.yaml in " + dir);
    }

    @Test
    void aCheckpointDirectoryThatCannotBeWritten() throws Exception {
        Path config = write(CONFIG.replace("/feeds", dir.toString()));
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Files.writeString(dir.resolve("config.yaml"), "execution.checkpointing.dir: " + file.toUri() + "/sub\n");
        assertThat(run("job", "--config", config.toString())).isEqualTo(2);
        assertOneLine("iocstream: config error: execution.checkpointing.dir: cannot write");
    }

    private void assertRefused(String yaml, String line) throws Exception {
        assertThat(run("job", "--config", write(yaml).toString())).isEqualTo(2);
        assertOneLine(line);
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("job.yaml"), yaml);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }

    private void assertOneLine(String start) {
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString().startsWith(start);
    }
}
