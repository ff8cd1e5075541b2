package io.iocstream.throttle;

/** How hard memory presses, as the throttle sees it; the fetch stage sizes its batches by it. */
public enum PressureLevel {
    NORMAL,
    /** Above the warning threshold: smaller batches, fewer requests in flight. */
    WARNING,
    /** At the critical threshold: the throttle takes no input until pressure falls below warning. */
    CRITICAL;

    /** The next level given the pressure now, with hysteresis on the way down. */
    static PressureLevel next(PressureLevel level, double pressure, ThrottleSettings settings) {
        if (pressure >= settings.critical()) {
            return CRITICAL;
        }
        if (level == CRITICAL) {
            return pressure < settings.warning() ? WARNING : CRITICAL;
        }
        if (pressure >= settings.warning()) {
            return WARNING;
        }
        if (level == WARNING && pressure >= settings.warning() - settings.hysteresis()) {
            return WARNING;
        }
        return NORMAL;
    }
}
