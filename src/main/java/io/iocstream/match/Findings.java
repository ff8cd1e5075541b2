package io.iocstream.match;

import io.iocstream.changes.Trigger;
import io.iocstream.github.WebLinks;
import io.iocstream.ingest.PushStamp;
import io.iocstream.parse.Dependency;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Makes findings with stable ids: the same repo, ref, path and indicator always give the same id. */
public final class Findings {

    private Findings() {}

    /** Where a finding was made: who pushed the file when, and the site its links point at. */
    public record Seen(PushStamp pushed, WebLinks links) {
        public Seen {
            pushed = pushed == null ? PushStamp.NONE : pushed;
        }
    }

    /** A new finding of {@code hit} in a file of a branch; its link is to the file at {@code commit}. */
    public static Finding open(String repo, String ref, String commit, String path, Hit hit, Trigger trigger,
            Seen seen) {
        return of(FindingStatus.OPEN, repo, ref, commit, path, hit, trigger, seen, commit, null);
    }

    /**
     * The finding of {@code hit}, resolved at {@code commit} by a change of the given trigger, for the reason given;
     * its link is to the file at {@code lastSeenAt}, the commit it was last read at with the hit (a removed file has
     * no page at {@code commit}).
     */
    public static Finding resolved(String repo, String ref, String commit, String path, Hit hit, Trigger trigger,
            Seen seen, String lastSeenAt, Resolution resolution) {
        return of(FindingStatus.RESOLVED, repo, ref, commit, path, hit, trigger, seen, lastSeenAt, resolution);
    }

    /** The open finding of {@code hit}, once more: its branch expired from state and it is no longer watched. */
    public static Finding expired(String repo, String ref, String commit, String path, Hit hit, Seen seen) {
        return of(FindingStatus.OPEN, repo, ref, commit, path, hit, Trigger.RETRO_HUNT, seen, commit,
                Resolution.EXPIRED);
    }

    /** The finding as the contract writes it: the enums' words from here on. */
    private static Finding of(FindingStatus status, String repo, String ref, String commit, String path, Hit hit,
            Trigger trigger, Seen seen, String linkCommit, Resolution resolution) {
        Dependency dep = hit.dependency();
        Integer line = hit.line() > 0 ? hit.line() : null;
        PushStamp pushed = seen.pushed();
        return new Finding(Finding.SCHEMA_VERSION, hit.findingId(repo, ref, path), status.wire(),
                trigger.wire(), repo, ref, commit, path, hit.kind().wire(), dep == null ? null : dep.ecosystem(),
                dep == null ? null : dep.name(), dep == null ? null : dep.version(), hit.indicator(), hit.iocIds(),
                hit.severity().wire(), Instant.now().toString(), pushed.pusher(), pushed.sender(), pushed.pushedAt(),
                hit.kind() == FindingKind.REPOSITORY ? null : seen.links().blob(repo, linkCommit, path,
                        line == null ? 0 : line), line, hit.advisory().summary(),
                hit.advisory().aliases(), hit.advisory().references(), hit.feed(),
                dep == null ? null : dep.scope(), dep == null ? null : dep.relationship(),
                resolution == null ? null : resolution.wire());
    }

    /**
     * Keyed on the version as the index compares it, so that a tag's {@code v} written or not is one finding, and
     * ids stay those made before findings reported the written version.
     */
    public static String packageFindingId(String repo, String ref, String path, Dependency dep) {
        String version = VersionSpelling.normalised(dep.ecosystem(), dep.version());
        return findingId(repo, ref, path, FindingKind.PACKAGE, dep.ecosystem() + ":" + dep.name() + "@" + version);
    }

    public static String findingId(String repo, String ref, String path, FindingKind kind, String indicator) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {repo, ref, path, kind.wire(), indicator}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
