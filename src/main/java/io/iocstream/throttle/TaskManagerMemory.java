package io.iocstream.throttle;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stages of one task manager (one JVM) share about memory, outside Flink's state because it is a fact
 * of the process, not of any record: the pressure level the throttle last saw (the fetch stage sizes its batches
 * by it), the file bytes the fetch stage has taken on but not read yet (the throttle counts them as used), and
 * how often a throttle held input back (a local run's summary reports it). Every value is process-wide; tests
 * read differences, never absolutes.
 */
public final class TaskManagerMemory {

    private static volatile PressureLevel level = PressureLevel.NORMAL;
    private static final AtomicLong PROMISED_BYTES = new AtomicLong();
    private static final AtomicLong PAUSES = new AtomicLong();

    private TaskManagerMemory() {}

    /** The level last set by a throttle in this task manager. */
    public static PressureLevel level() {
        return level;
    }

    static void publish(PressureLevel next) {
        level = next;
    }

    /**
     * A file of {@code bytes} is waiting to be read: heap already promised. The throttle lets a file through long
     * before its bytes arrive (the async fetch operator holds up to a thousand files), so a burst of 80 MB
     * lockfiles must stop the input while they are only promised, not once they fill the heap.
     */
    public static void promise(long bytes) {
        PROMISED_BYTES.addAndGet(Math.max(0, bytes));
    }

    /** The file is read, or will not be: its bytes are now in the heap, or never will be. */
    public static void settle(long bytes) {
        PROMISED_BYTES.addAndGet(-Math.max(0, bytes));
    }

    public static long promisedBytes() {
        return Math.max(0, PROMISED_BYTES.get());
    }

    static void paused() {
        PAUSES.incrementAndGet();
    }

    /** Times every throttle of this task manager held input back since it started. */
    public static long pauses() {
        return PAUSES.get();
    }
}
