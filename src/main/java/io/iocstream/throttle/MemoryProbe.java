package io.iocstream.throttle;

/** Something that can say how full memory is; the throttle asks it, tests give it a controllable one. */
@FunctionalInterface
public interface MemoryProbe {
    MemoryReading read();
}
