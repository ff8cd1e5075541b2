package io.iocstream.job;

/**
 * A configuration error: the key it is about (dotted, from the file's root: {@code sinks.kafka.topic}) and what is
 * wrong with it, printed as one line. A record's constructor names its own key; the reader adds the path to it.
 */
public final class ConfigException extends IllegalArgumentException {

    private final String key;
    private final String problem;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    static ConfigException required(String key) {
        return new ConfigException(key, "required");
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    /** The same error, with the key placed under {@code parent}. */
    ConfigException under(String parent) {
        return new ConfigException(parent.isEmpty() ? key : parent + "." + key, problem);
    }
}
