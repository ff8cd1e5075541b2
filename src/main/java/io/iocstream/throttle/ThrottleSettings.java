package io.iocstream.throttle;

import java.io.Serializable;
import java.time.Duration;

/**
 * When the throttle acts. Above {@code warning} it asks the fetch stage to shrink; at {@code critical} it stops
 * taking input until pressure is back below {@code warning}; it drops from warning to normal only below
 * {@code warning - hysteresis}, so a reading that hovers at a threshold does not flap.
 *
 * @param probe        makes the memory probe on the task manager (it is not serializable itself)
 * @param pollInterval how often a paused throttle looks at memory again (it yields to the mailbox meanwhile)
 * @param enabled      false passes everything through, for comparison runs
 */
public record ThrottleSettings(double warning, double critical, double hysteresis, Duration pollInterval,
        ProbeFactory probe, boolean enabled) implements Serializable {

    public ThrottleSettings {
        if (!(0 < warning && warning < critical && critical <= 1)) {
            throw new IllegalArgumentException("need 0 < warning < critical <= 1, got " + warning + ", " + critical);
        }
        if (hysteresis < 0 || hysteresis >= warning) {
            throw new IllegalArgumentException("hysteresis must be in [0, warning), got " + hysteresis);
        }
    }

    /** 80% warning and 90% critical, as the batch tools this replaces use; the real machine's memory. */
    public static ThrottleSettings defaults() {
        return new ThrottleSettings(0.80, 0.90, 0.05, Duration.ofMillis(50), MemoryMonitor::new, true);
    }

    public ThrottleSettings disabled() {
        return new ThrottleSettings(warning, critical, hysteresis, pollInterval, probe, false);
    }

    /** Serializable maker of a probe, built where the operator runs. */
    @FunctionalInterface
    public interface ProbeFactory extends Serializable {
        MemoryProbe create();
    }
}
