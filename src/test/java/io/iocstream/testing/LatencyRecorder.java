package io.iocstream.testing;

import java.util.Arrays;

/**
 * Latencies recorded one by one (nanoseconds) and read back as nearest-rank percentiles, for the benchmarks that
 * report p50, p99 and max. Every value is kept: a few hundred thousand latencies are a few megabytes, and exact
 * percentiles need no bucket boundaries to be chosen in advance.
 */
public final class LatencyRecorder {

    private long[] values = new long[1024];
    private int count;
    private long[] sorted;

    public synchronized void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a latency is never negative: " + nanos);
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
        sorted = null;
    }

    public synchronized int count() {
        return count;
    }

    /**
     * The nearest-rank percentile {@code p} (0 &lt; p &le; 100): the smallest recorded value that at least p % of
     * all values are no larger than; -1 when nothing was recorded.
     */
    public synchronized long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100]: " + p);
        }
        if (count == 0) {
            return -1;
        }
        if (sorted == null) {
            sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
        }
        // the epsilon keeps floating-point error (99.9 / 100 * 1000 = 999.0000000000001) from moving a rank up
        int rank = (int) Math.ceil(p / 100 * count - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    public long max() {
        return percentile(100);
    }

    /** p50, p99 and max in milliseconds, e.g. {@code 412 / 1,830 / 2,114 ms (n=1,200)}; {@code none} when empty. */
    public String summaryMillis() {
        if (count() == 0) {
            return "none";
        }
        return String.format("%,d / %,d / %,d ms (n=%,d)", percentile(50) / 1_000_000, percentile(99) / 1_000_000,
                max() / 1_000_000, count());
    }
}
