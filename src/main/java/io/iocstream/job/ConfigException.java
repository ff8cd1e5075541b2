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

    /** An error about a whole section, whose key is where the reader found it: {@code sources}, not {@code sources.sources}. */
    static ConfigException section(String problem) {
        return new ConfigException("", problem);
    }

    /** The same error, with the key placed under {@code parent}. */
    ConfigException under(String parent) {
        if (key.isEmpty() || parent.isEmpty()) {
            return new ConfigException(key.isEmpty() ? parent : key, problem);
        }
        return new ConfigException(parent + "." + key, problem);
    }
}
