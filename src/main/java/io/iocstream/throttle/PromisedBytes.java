package io.iocstream.throttle;

import java.util.concurrent.atomic.AtomicLong;

/**
 * File bytes this JVM's fetch stage has taken on but not read yet: heap already promised. The throttle counts
 * them as used, because it lets a file through long before its bytes arrive (the async fetch operator holds
 * up to a thousand files), and a burst of 80 MB lockfiles must stop the input while they are only promised,
 * not once they fill the heap.
 */
public final class PromisedBytes {

    private static final AtomicLong PROMISED = new AtomicLong();

    private PromisedBytes() {}

    /** A file of {@code bytes} is waiting to be read. */
    public static void promise(long bytes) {
        PROMISED.addAndGet(Math.max(0, bytes));
    }

    /** The file is read, or will not be: its bytes are now in the heap, or never will be. */
    public static void settle(long bytes) {
        PROMISED.addAndGet(-Math.max(0, bytes));
    }

    public static long get() {
        return Math.max(0, PROMISED.get());
    }
}
