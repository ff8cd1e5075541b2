package io.iocstream.github.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests received, in total and by the kind of answer they got; each answered request lands in one kind. */
final class RequestCounter {

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    /** The kind the request its thread serves was counted under: one exchange at a time per handler thread. */
    private final ThreadLocal<String> counted = new ThreadLocal<>();

    void countTotal() {
        total.increment();
        counted.remove();
    }

    void count(String kind) {
        byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        counted.set(kind);
    }

    /** The request this thread serves got another answer than it was counted for (it timed out): count it there. */
    void recount(String kind) {
        String before = counted.get();
        if (before != null) {
            byKind.get(before).decrement();
        }
        count(kind);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byKind.forEach((kind, n) -> {
            long sum = n.sum();
            // a kind whose only request was counted again elsewhere (it timed out) is no kind of answer
            if (sum != 0) {
                out.put(kind, sum);
            }
        });
        return out;
    }

    long total() {
        return total.sum();
    }
}
