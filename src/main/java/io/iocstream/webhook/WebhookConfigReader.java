package io.iocstream.webhook;

import io.iocstream.job.ConfigException;
import io.iocstream.job.JobConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads the receiver's YAML file into a {@link WebhookConfig} as strictly as the job's file is read: an unknown key, a
 * missing or bad value, a secret whose variable is unset or whose file is missing or empty, a redelivery token whose
 * variable is unset: each one {@link ConfigException} naming the key.
 */
public final class WebhookConfigReader {

    private WebhookConfigReader() {}

    /** Reads {@code file}; {@code env} looks up environment variables (System::getenv outside tests). */
    public static WebhookConfig read(Path file, UnaryOperator<String> env) {
        WebhookConfig config = JobConfigReader.parse(JobConfigReader.readFile(file), WebhookConfig.class);
        if (config == null) {
            throw new ConfigException("--config", "the file holds no settings");
        }
        WebhookSecrets.load(config.secrets(), env);
        WebhookConfig.Redeliver redeliver = config.redeliver();
        if (redeliver != null && redeliver.tokenEnv() != null) {
            String token = env.apply(redeliver.tokenEnv());
            if (token == null || token.isBlank()) {
                throw new ConfigException("redeliver.token_env", "environment variable " + redeliver.tokenEnv()
                        + " is not set");
            }
        }
        if (redeliver != null && redeliver.app() != null
                && !Files.isReadable(Path.of(redeliver.app().privateKeyFile()))) {
            throw new ConfigException("redeliver.app.private_key_file", "cannot read "
                    + redeliver.app().privateKeyFile());
        }
        return config;
    }
}
