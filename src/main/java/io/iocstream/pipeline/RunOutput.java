package io.iocstream.pipeline;

import io.iocstream.core.DeadLetter;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;

/** A finding, a dead letter or a scan record: the outputs in one stream, for a caller that consumes them together. */
public record RunOutput(Finding finding, DeadLetter deadLetter, ScanRecord scan) {

    public static RunOutput of(Finding finding) {
        return new RunOutput(finding, null, null);
    }

    public static RunOutput of(DeadLetter deadLetter) {
        return new RunOutput(null, deadLetter, null);
    }

    public static RunOutput of(ScanRecord scan) {
        return new RunOutput(null, null, scan);
    }
}
