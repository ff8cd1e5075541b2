package io.iocstream.throttle;

/** Names of the throttle's Flink metrics (in the job's group, {@link io.iocstream.core.JobMetrics}). */
public final class ThrottleMetrics {
    public static final String PAUSES = "throttlePauses";
    public static final String PAUSED_MILLIS = "throttlePausedMillis";
    public static final String LEVEL = "memoryPressureLevel";

    private ThrottleMetrics() {}
}
