package io.iocstream.webhook;

import io.iocstream.github.HookDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a hook's recent deliveries to ask GitHub to deliver again: per event ({@code guid}), none if any attempt
 * succeeded; else the newest attempt, if it was made since {@code since} and fewer than {@code maxAttempts} were made.
 */
record RedeliveryPlan(List<HookDelivery> redeliver, int failedEvents, int givenUp) {

    static RedeliveryPlan of(List<HookDelivery> listed, Instant since, int maxAttempts) {
        Map<String, List<HookDelivery>> byGuid = new LinkedHashMap<>();
        for (HookDelivery delivery : listed) {
            byGuid.computeIfAbsent(delivery.guid(), guid -> new ArrayList<>()).add(delivery);
        }
        List<HookDelivery> redeliver = new ArrayList<>();
        int failed = 0;
        int givenUp = 0;
        for (List<HookDelivery> attempts : byGuid.values()) {
            if (attempts.stream().anyMatch(HookDelivery::succeeded)) {
                continue;
            }
            failed++;
            HookDelivery newest = attempts.stream().max((a, b) -> a.deliveredAt().equals(b.deliveredAt())
                    ? Long.compare(a.id(), b.id()) : a.deliveredAt().compareTo(b.deliveredAt())).orElseThrow();
            if (attempts.size() >= maxAttempts) {
                givenUp++;
            } else if (!newest.deliveredAt().isBefore(since)) {
                redeliver.add(newest);
            }
        }
        return new RedeliveryPlan(List.copyOf(redeliver), failed, givenUp);
    }
}
