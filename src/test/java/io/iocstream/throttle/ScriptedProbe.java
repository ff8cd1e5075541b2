package io.iocstream.throttle;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A memory probe whose pressure a test sets. The throttle builds its probe from a serializable factory on the
 * task manager, so the pressure lives in a static field the test and the operator share (one JVM).
 */
final class ScriptedProbe {

    /** Pressure in thousandths. */
    static final AtomicInteger PRESSURE_PERMILLE = new AtomicInteger();
    static final AtomicLong READS = new AtomicLong();

    private ScriptedProbe() {}

    static void set(double pressure) {
        PRESSURE_PERMILLE.set((int) Math.round(pressure * 1000));
    }

    static ThrottleSettings settings(boolean enabled) {
        ThrottleSettings settings = new ThrottleSettings(0.80, 0.90, 0.05, java.time.Duration.ofMillis(10),
                () -> () -> {
                    READS.incrementAndGet();
                    return new MemoryReading(List.of(new MemorySource("scripted", PRESSURE_PERMILLE.get(), 1000)));
                }, true);
        return enabled ? settings : settings.disabled();
    }
}
