package io.iocstream.fetch;

/**
 * Caps the bytes of file content in flight on a task manager, whatever the number of files: a fetch waits for
 * room before it reads, and the room is given back once the file has been parsed. One file larger than the
 * whole budget still goes, alone, so that no file waits forever; a fetch may also ask to go alone (when memory
 * is critical).
 */
final class ByteBudget {

    private final long capacity;
    private long inUse;

    /** {@code capacity} 0 means no cap. */
    ByteBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Waits for room for {@code bytes}; with {@code alone}, until nothing else is in flight. */
    synchronized void acquire(long bytes, boolean alone) throws InterruptedException {
        if (capacity <= 0) {
            return;
        }
        while (inUse > 0 && (alone || inUse + bytes > capacity)) {
            wait();
        }
        inUse += bytes;
    }

    synchronized void release(long bytes) {
        if (capacity <= 0) {
            return;
        }
        inUse = Math.max(0, inUse - bytes);
        notifyAll();
    }

    synchronized long inUse() {
        return inUse;
    }
}
