package io.iocstream.ingest;

import java.io.Serializable;

/**
 * Who pushed and when, as the event that asked for a scan says it; carried from ingest to every finding the scan
 * makes, so that a SOC can reach the person behind a change. Any part may be null: an event that does not carry it
 * (a baseline request, the repository listing) leaves it out rather than guessing.
 *
 * @param pusher   webhook {@code pusher.name}; Events API {@code actor.login}
 * @param sender   webhook {@code sender.login} (the account that triggered the event); Events API {@code actor.login}
 * @param pushedAt RFC 3339 UTC time of the push: webhook {@code repository.pushed_at}, else the head commit's
 *                 timestamp; Events API {@code created_at}
 */
public record PushStamp(String pusher, String sender, String pushedAt) implements Serializable {

    /** Nothing known of who or when. */
    public static final PushStamp NONE = new PushStamp(null, null, null);

    /** Whether any part is known. */
    public boolean known() {
        return pusher != null || sender != null || pushedAt != null;
    }
}
