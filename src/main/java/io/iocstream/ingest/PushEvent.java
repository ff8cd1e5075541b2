package io.iocstream.ingest;

import java.util.List;

/**
 * A push to one ref of one repository, normalised from either a webhook payload or an Events API object.
 *
 * @param eventId  the Events API id, or for webhooks a stable id derived from repo, ref, before and after
 * @param repo     {@code owner/name}
 * @param before   the ref's sha before the push (all zeros on create)
 * @param after    the ref's sha after the push (all zeros on delete); for a {@link PushOrigin#BASELINE} request the
 *                 commit to scan, or null for the ref's head when the scan is listed
 * @param commits  the pushed commits with their file lists; {@code null} when the origin carries none
 * @param stamp    who pushed and when, as far as the event says ({@link PushStamp#NONE} when it says nothing)
 */
public record PushEvent(
        String eventId,
        PushOrigin origin,
        String repo,
        String ref,
        String before,
        String after,
        boolean created,
        boolean deleted,
        boolean forced,
        List<PushCommit> commits,
        PushStamp stamp) {

    public static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    public PushEvent {
        commits = commits == null ? null : List.copyOf(commits);
        stamp = stamp == null ? PushStamp.NONE : stamp;
    }

    /** A push of which nothing is known of who or when. */
    public PushEvent(String eventId, PushOrigin origin, String repo, String ref, String before, String after,
            boolean created, boolean deleted, boolean forced, List<PushCommit> commits) {
        this(eventId, origin, repo, ref, before, after, created, deleted, forced, commits, PushStamp.NONE);
    }

    /** A request to baseline {@code ref} at {@code commit} (null: its head when listed), as a created ref. */
    public static PushEvent baseline(String eventId, String repo, String ref, String commit) {
        return baseline(eventId, repo, ref, commit, PushStamp.NONE);
    }

    /** The same, asked for by an event that says who and when ({@code repository} events). */
    public static PushEvent baseline(String eventId, String repo, String ref, String commit, PushStamp stamp) {
        return new PushEvent(eventId, PushOrigin.BASELINE, repo, ref, ZERO_SHA, commit, true, false, false, null,
                stamp);
    }

    public boolean hasFileLists() {
        return commits != null;
    }
}
