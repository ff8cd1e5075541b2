package io.iocstream.webhook;

import io.iocstream.job.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The webhook secrets' values, from environment variables or mounted files, in the order configured. Never printed:
 * {@link #toString()} says only how many there are.
 */
public final class WebhookSecrets {

    private final List<byte[]> values;

    private WebhookSecrets(List<byte[]> values) {
        this.values = values;
    }

    /** Reads each configured secret; an unset variable, a missing or empty file is a {@link ConfigException}. */
    public static WebhookSecrets load(List<WebhookConfig.Secret> secrets, UnaryOperator<String> env) {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            WebhookConfig.Secret secret = secrets.get(i);
            String key = "secrets[" + i + "]";
            String value;
            if (secret.env() != null) {
                value = env.apply(secret.env());
                if (value == null || value.isEmpty()) {
                    throw new ConfigException(key + ".env", "environment variable " + secret.env() + " is not set");
                }
            } else {
                try {
                    value = Files.readString(Path.of(secret.file()), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new ConfigException(key + ".file", "cannot read " + secret.file());
                }
                // a file written by an editor or echo ends in a line break that is no part of the secret
                value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
                if (value.isEmpty()) {
                    throw new ConfigException(key + ".file", "empty: " + secret.file());
                }
            }
            values.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return new WebhookSecrets(List.copyOf(values));
    }

    /** For tests and the simulator's deliveries: secrets given as they are. */
    public static WebhookSecrets of(String... secrets) {
        List<byte[]> values = new ArrayList<>();
        for (String secret : secrets) {
            values.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        return new WebhookSecrets(List.copyOf(values));
    }

    List<byte[]> values() {
        return values;
    }

    @Override
    public String toString() {
        return values.size() + (values.size() == 1 ? " secret" : " secrets");
    }
}
