package io.iocstream.github.sim;

import java.util.Optional;
import java.util.Random;

/**
 * Injects the latency and the failures asked for in {@link SimulatorOptions}, reproducibly from its seed.
 * Of the failing requests, 70% answer 502 or 503, 10% answer 429 with {@code retry-after: 1}, 10% have their
 * connection reset before any answer, and 10% answer correctly but trickle the body out slowly. A long tail
 * makes 5% of requests ten times slower and 1% fifty times.
 */
final class FaultInjector {

    /** What an unlucky request gets instead of a plain, prompt answer. */
    enum Fault {
        BAD_GATEWAY, UNAVAILABLE, TOO_MANY_REQUESTS, CONNECTION_RESET, SLOW_BODY
    }

    private final long latencyMs;
    private final boolean longTail;
    private final double errorRate;
    private final Random random;
    private final int maxConcurrent;

    FaultInjector(SimulatorOptions options) {
        this.maxConcurrent = options.maxConcurrent();
        this.latencyMs = options.latencyMs();
        this.longTail = options.longTailLatency();
        this.errorRate = options.errorRate();
        this.random = new Random(options.seed());
    }

    /** Requests served at once before the secondary limit answers 403. */
    int maxConcurrent() {
        return maxConcurrent;
    }

    void delay() throws InterruptedException {
        long wait = latency();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** This request's fixed latency in milliseconds, the long tail drawn: what the cost model adds its costs to. */
    long latency() {
        if (latencyMs <= 0) {
            return 0;
        }
        if (longTail) {
            double draw = draw();
            return draw < 0.01 ? latencyMs * 50 : draw < 0.06 ? latencyMs * 10 : latencyMs;
        }
        return latencyMs;
    }

    /** The failure to serve instead of the real answer, if this request is one of the unlucky ones. */
    Optional<Fault> injected() {
        if (errorRate <= 0.0) {
            return Optional.empty();
        }
        // one lock for both draws keeps the sequence reproducible for a given order of requests
        synchronized (random) {
            if (random.nextDouble() >= errorRate) {
                return Optional.empty();
            }
            double kind = random.nextDouble();
            if (kind < 0.35) {
                return Optional.of(Fault.BAD_GATEWAY);
            }
            if (kind < 0.70) {
                return Optional.of(Fault.UNAVAILABLE);
            }
            if (kind < 0.80) {
                return Optional.of(Fault.TOO_MANY_REQUESTS);
            }
            return Optional.of(kind < 0.90 ? Fault.CONNECTION_RESET : Fault.SLOW_BODY);
        }
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }
}
