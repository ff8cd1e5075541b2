package io.iocstream.alerts;

import java.util.List;

/**
 * One delivery to a route's receiver: a trigger (or a resolve) under {@code dedupKey}, the receiver's own
 * de-duplication key. {@code findings} are the JSON records it is about (for a summary, the first few of
 * {@code count}); the key is derived from them or from the planner's checkpointed state, never from the clock of a
 * delivery, so a delivery repeated after a restore carries the same key.
 */
public record Alert(String route, AlertKind kind, boolean resolve, String dedupKey, int count,
        List<String> findings) {

    public Alert {
        findings = List.copyOf(findings);
    }
}
