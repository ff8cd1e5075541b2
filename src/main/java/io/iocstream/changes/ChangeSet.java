package io.iocstream.changes;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a push changed, as far as its payload tells.
 *
 * @param changed paths added or modified and still present at the head commit, in first-seen order
 * @param removed paths absent at the head commit after the push
 * @param complete false when the payload carries no file lists (Events API), so the compare API must say
 */
public record ChangeSet(PushKind kind, Set<String> changed, Set<String> removed, boolean complete) {
    public ChangeSet {
        changed = Collections.unmodifiableSet(new LinkedHashSet<>(changed));
        removed = Collections.unmodifiableSet(new LinkedHashSet<>(removed));
    }
}
