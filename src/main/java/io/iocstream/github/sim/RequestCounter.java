package io.iocstream.github.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests received, in total and by the kind of answer they got; each answered request lands in one kind. */
final class RequestCounter {

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    void countTotal() {
        total.increment();
    }

    void count(String kind) {
        byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byKind.forEach((kind, n) -> out.put(kind, n.sum()));
        return out;
    }

    long total() {
        return total.sum();
    }
}
