package io.iocstream.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads a receiver's secret where the task manager runs: from the environment variable it names, or from the file
 * it names (a mounted Secret, read again at every start so that a rotated one is picked up). The secret is never part
 * of the job graph, a log line or an exception message.
 */
public final class AlertSecrets {

    private AlertSecrets() {}

    /** The receiver's secret, or null when it has none; an IllegalStateException naming where it should be. */
    public static String read(AlertReceiver receiver, UnaryOperator<String> env) {
        if (receiver.secretEnv() != null) {
            String value = env.apply(receiver.secretEnv());
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("alert receiver " + receiver.name() + ": environment variable "
                        + receiver.secretEnv() + " is not set");
            }
            return value.strip();
        }
        if (receiver.secretFile() != null) {
            try {
                String value = Files.readString(Path.of(receiver.secretFile())).strip();
                if (value.isEmpty()) {
                    throw new IllegalStateException("alert receiver " + receiver.name() + ": secret file "
                            + receiver.secretFile() + " is empty");
                }
                return value;
            } catch (IOException e) {
                throw new IllegalStateException("alert receiver " + receiver.name() + ": cannot read secret file "
                        + receiver.secretFile() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return null;
    }
}
