package io.iocstream.match;

/**
 * A suppression entry that cannot be used (no reason, a date that is no date, a glob that is no glob): the key it is
 * about, relative to the entry ({@code until}), and what is wrong, so the job's configuration and {@code replay
 * --suppressions} can each print it as one line under their own path.
 */
public final class SuppressionException extends IllegalArgumentException {

    private final String key;
    private final String problem;

    public SuppressionException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
