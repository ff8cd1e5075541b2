package io.iocstream.cli;

/** Range checks of numeric options, each failing with the one-line message of a {@link UsageException}. */
final class OptionChecks {

    private OptionChecks() {}

    static void atLeast(String option, long value, long min) throws UsageException {
        if (value < min) {
            throw new UsageException(option + " must be at least " + min + ", got " + value);
        }
    }

    static void between(String option, long value, long min, long max) throws UsageException {
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** A fraction of requests: 0 up to, not including, 1. */
    static void fraction(String option, double value) throws UsageException {
        if (!(value >= 0 && value < 1)) {
            throw new UsageException(option + " must be in [0, 1), got " + value);
        }
    }
}
