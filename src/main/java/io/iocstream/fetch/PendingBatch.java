package io.iocstream.fetch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Requests waiting to go out together, oldest first: a batch is ready when it is full or when its oldest request
 * has waited long enough. Not thread-safe: the fetch service guards it with its own lock.
 */
final class PendingBatch<T> {

    private record Waiting<T>(T item, long sinceNanos) {}

    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();

    void add(T item) {
        waiting.add(new Waiting<>(item, System.nanoTime()));
    }

    /** Whether a batch of {@code size} is due now: full, or its oldest request waited {@code maxWaitNanos}. */
    boolean ready(int size, long maxWaitNanos) {
        return !waiting.isEmpty()
                && (waiting.size() >= size || System.nanoTime() - waiting.peek().sinceNanos() >= maxWaitNanos);
    }

    /** Nanoseconds until the oldest request has waited {@code maxWaitNanos}; {@link Long#MAX_VALUE} when empty. */
    long nanosUntilDue(long maxWaitNanos) {
        return waiting.isEmpty() ? Long.MAX_VALUE
                : maxWaitNanos - (System.nanoTime() - waiting.peek().sinceNanos());
    }

    /**
     * The oldest requests, at most {@code size} of them and, past the first, no more than {@code maxWeight} in
     * all.
     */
    List<T> take(int size, ToLongFunction<T> weight, long maxWeight) {
        List<T> batch = new ArrayList<>();
        long total = 0;
        while (!waiting.isEmpty() && batch.size() < size) {
            long next = Math.max(0, weight.applyAsLong(waiting.peek().item()));
            if (!batch.isEmpty() && total + next > maxWeight) {
                break;
            }
            total += next;
            batch.add(waiting.poll().item());
        }
        return batch;
    }

    /** Hands every waiting request to {@code action} and forgets them. */
    void drain(Consumer<T> action) {
        waiting.forEach(w -> action.accept(w.item()));
        waiting.clear();
    }
}
