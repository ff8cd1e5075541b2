package io.iocstream.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code X-GitHub-Delivery} ids seen lately, so that a redelivery does not become a second event: each id is
 * claimed before its body is written and marked stored once Kafka acknowledged it, or released when the write
 * failed (the redelivery GitHub is then asked for must land). Bounded: ids older than the window, and the oldest past
 * {@code maxEntries}, are forgotten. Thread-safe.
 */
public final class DeliveryLedger {

    /** What a claim found. */
    public enum Claim {
        /** Not seen: the caller writes the body, then calls {@link #stored} or {@link #release}. */
        NEW,
        /** Stored already: nothing to write. */
        STORED,
        /** Being written by another request right now. */
        IN_FLIGHT
    }

    private final Duration window;
    private final int maxEntries;
    private final Clock clock;
    /** Delivery id to whether it is stored (false: in flight) and when it was last touched, oldest first. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(boolean stored, Instant at) {}

    public DeliveryLedger(Duration window, int maxEntries, Clock clock) {
        this.window = window;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Claims {@code delivery} for writing unless it is stored or in flight. */
    public synchronized Claim claim(String delivery) {
        Instant now = clock.instant();
        forgetOld(now);
        Entry entry = entries.get(delivery);
        if (entry != null) {
            return entry.stored() ? Claim.STORED : Claim.IN_FLIGHT;
        }
        put(delivery, new Entry(false, now));
        return Claim.NEW;
    }

    /** Marks {@code delivery} stored: written by this receiver, or seen in the topic (another replica's, or earlier). */
    public synchronized void stored(String delivery, Instant at) {
        Instant now = clock.instant();
        if (at.isBefore(now.minus(window))) {
            return;
        }
        Entry entry = entries.get(delivery);
        if (entry == null || !entry.stored()) {
            put(delivery, new Entry(true, at.isAfter(now) ? now : at));
        }
        forgetOld(now);
    }

    /** Forgets a claim whose write failed, so that the delivery may come again. */
    public synchronized void release(String delivery) {
        Entry entry = entries.get(delivery);
        if (entry != null && !entry.stored()) {
            entries.remove(delivery);
        }
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return entries.size();
    }

    private void put(String delivery, Entry entry) {
        // re-inserted at the end: the map stays in the order ids were last touched
        entries.remove(delivery);
        entries.put(delivery, entry);
    }

    private void forgetOld(Instant now) {
        Instant cutoff = now.minus(window);
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> oldest = it.next();
            if (entries.size() > maxEntries || oldest.getValue().at().isBefore(cutoff)) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
