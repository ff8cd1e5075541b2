package io.iocstream.ingest;

import java.io.Serializable;

/**
 * Who pushed and when, as the event that asked for a scan says it; carried from ingest to every finding the scan
 * makes, so that a SOC can reach the person behind a change. For a scan a repository event asked for, also what that
 * event said of the repository, which the matcher judges against {@code repository} indicators (worm markers). Any
 * part may be null: an event that does not carry it (a baseline request, the repository listing) leaves it out rather
 * than guessing.
 *
 * @param pusher          webhook {@code pusher.name}; Events API {@code actor.login}
 * @param sender          webhook {@code sender.login} (the account that triggered the event); Events API
 *                        {@code actor.login}
 * @param pushedAt        RFC 3339 UTC time of the push: webhook {@code repository.pushed_at}, else the head commit's
 *                        timestamp; Events API {@code created_at}
 * @param repositoryEvent for a repository event, what happened to the repository: {@code created},
 *                        {@code publicized}, {@code renamed} or {@code transferred}; null for pushes
 * @param description     the repository's description as that repository event says it, or null
 */
public record PushStamp(String pusher, String sender, String pushedAt, String repositoryEvent, String description)
        implements Serializable {

    /** Nothing known of who or when. */
    public static final PushStamp NONE = new PushStamp(null, null, null);

    /** Who pushed and when, of a push. */
    public PushStamp(String pusher, String sender, String pushedAt) {
        this(pusher, sender, pushedAt, null, null);
    }

    /** Whether any part of who and when is known. */
    public boolean known() {
        return pusher != null || sender != null || pushedAt != null;
    }

    /** Whether a repository event (created, publicized, renamed, transferred) asked for the scan. */
    public boolean fromRepositoryEvent() {
        return repositoryEvent != null;
    }
}
