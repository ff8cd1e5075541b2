package io.iocstream.github.sim;

import java.util.OptionalInt;
import java.util.Random;

/** Injects the latency and the 5xx answers asked for in {@link SimulatorOptions}, reproducibly from its seed. */
final class FaultInjector {

    private final long latencyMs;
    private final double errorRate;
    private final Random random;

    FaultInjector(SimulatorOptions options) {
        this.latencyMs = options.latencyMs();
        this.errorRate = options.errorRate();
        this.random = new Random(options.seed());
    }

    void delay() throws InterruptedException {
        if (latencyMs > 0) {
            Thread.sleep(latencyMs);
        }
    }

    /** The status to answer instead of the real result, if this request is one of the unlucky ones. */
    OptionalInt injectedError() {
        if (errorRate <= 0.0) {
            return OptionalInt.empty();
        }
        // one lock for both draws keeps the sequence reproducible for a given order of requests
        synchronized (random) {
            if (random.nextDouble() >= errorRate) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(random.nextBoolean() ? 502 : 503);
        }
    }
}
