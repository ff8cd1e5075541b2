package io.iocstream.throttle;

import java.io.Serializable;

/** One memory budget the job lives in: JVM heap, container, or host. */
public record MemorySource(String name, long used, long limit) implements Serializable {

    /** Fraction of the limit in use; 0 when the source has no limit. */
    public double ratio() {
        return limit <= 0 ? 0 : (double) used / limit;
    }
}
