package io.iocstream.pipeline;

import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;

/** A finding or a dead letter: both outputs in one stream, for a caller that consumes them together. */
public record RunOutput(Finding finding, DeadLetter deadLetter) {

    public static RunOutput of(Finding finding) {
        return new RunOutput(finding, null);
    }

    public static RunOutput of(DeadLetter deadLetter) {
        return new RunOutput(null, deadLetter);
    }
}
