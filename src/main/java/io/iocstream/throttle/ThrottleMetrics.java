package io.iocstream.throttle;

import java.util.concurrent.atomic.AtomicLong;

/** Names of the throttle's Flink metrics, and a JVM-wide pause count a local run reads for its summary. */
public final class ThrottleMetrics {
    public static final String PAUSES = "throttlePauses";
    public static final String PAUSED_MILLIS = "throttlePausedMillis";
    public static final String LEVEL = "memoryPressureLevel";

    /** Pauses of every throttle in this JVM; a local MiniCluster run reports it as {@code throttle_pauses}. */
    public static final AtomicLong PAUSES_TOTAL = new AtomicLong();

    private ThrottleMetrics() {}
}
