package io.iocstream.changes;

import io.iocstream.ingest.PushStamp;
import java.util.List;

/**
 * One unit of work for the fetch stage: which commit of which ref to look at, and how to learn what changed.
 *
 * @param before  the ref's previous sha (used by {@link ScanMode#COMPARE})
 * @param commit  the commit to scan; null for a baseline of a branch's head, which the fetch stage looks up when
 *                it lists the tree
 * @param seq     per-ref push sequence, without gaps: the matcher applies a ref's scans in this order
 * @param paths   for {@link ScanMode#PATHS}: changed paths present at {@code commit}
 * @param removed for {@link ScanMode#PATHS}: paths gone at {@code commit}
 * @param pushed  who pushed and when, for the findings
 */
public record ScanRequest(
        String eventId,
        String repo,
        String ref,
        String before,
        String commit,
        ScanMode mode,
        Trigger trigger,
        long seq,
        List<String> paths,
        List<String> removed,
        PushStamp pushed) {

    public ScanRequest {
        paths = List.copyOf(paths);
        removed = List.copyOf(removed);
        pushed = pushed == null ? PushStamp.NONE : pushed;
    }

    /** A scan of which nothing is known of who pushed or when. */
    public ScanRequest(String eventId, String repo, String ref, String before, String commit, ScanMode mode,
            Trigger trigger, long seq, List<String> paths, List<String> removed) {
        this(eventId, repo, ref, before, commit, mode, trigger, seq, paths, removed, PushStamp.NONE);
    }
}
