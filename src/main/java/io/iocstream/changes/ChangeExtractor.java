package io.iocstream.changes;

import io.iocstream.ingest.PushCommit;
import io.iocstream.ingest.PushEvent;
import java.util.LinkedHashSet;
import java.util.Set;

/** What a push changed, from its payload alone: its kind and the net changed and removed paths. */
public final class ChangeExtractor {

    /** Most commits a webhook push payload lists. */
    public static final int WEBHOOK_COMMIT_LIMIT = 2048;

    private ChangeExtractor() {}

    public static ChangeSet extract(PushEvent push) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        if (push.hasFileLists() && !push.deleted()) {
            // commits arrive oldest first: a later commit's word on a path is the final one
            for (PushCommit commit : push.commits()) {
                for (String path : commit.added()) {
                    touch(path, changed, removed);
                }
                for (String path : commit.modified()) {
                    touch(path, changed, removed);
                }
                for (String path : commit.removed()) {
                    changed.remove(path);
                    removed.add(path);
                }
            }
        }
        // GitHub cuts a webhook's commit list at 2048: past that the lists cannot be the whole change
        boolean complete = push.hasFileLists() && push.commits().size() < WEBHOOK_COMMIT_LIMIT;
        return new ChangeSet(kind(push), changed, removed, complete);
    }

    static PushKind kind(PushEvent push) {
        if (push.ref().startsWith("refs/tags/")) {
            return PushKind.TAG;
        }
        if (push.deleted()) {
            return PushKind.BRANCH_DELETE;
        }
        if (push.created()) {
            return PushKind.BRANCH_CREATE;
        }
        return push.forced() ? PushKind.FORCE_PUSH : PushKind.ORDINARY;
    }

    private static void touch(String path, Set<String> changed, Set<String> removed) {
        removed.remove(path);
        changed.add(path);
    }
}
