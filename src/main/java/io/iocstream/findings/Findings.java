package io.iocstream.findings;

import io.iocstream.parse.Dependency;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Makes findings with stable ids: the same repo, ref, path and indicator always give the same id. */
public final class Findings {

    private Findings() {}

    public static Finding openPackage(String repo, String ref, String commit, String path, Dependency dep,
            List<String> iocIds, String severity, Trigger trigger) {
        return new Finding(Finding.SCHEMA_VERSION, packageFindingId(repo, ref, path, dep), Finding.OPEN,
                trigger.wire(), repo, ref, commit, path, "package", dep.ecosystem(), dep.name(), dep.version(),
                null, iocIds, severity, Instant.now().toString());
    }

    /** The same finding, resolved at {@code commit} by a change of the given trigger. */
    public static Finding resolved(Finding open, String commit, Trigger trigger) {
        return new Finding(open.schemaVersion(), open.findingId(), Finding.RESOLVED, trigger.wire(), open.repo(),
                open.ref(), commit, open.path(), open.kind(), open.ecosystem(), open.packageName(), open.version(),
                open.indicator(), open.iocIds(), open.severity(), Instant.now().toString());
    }

    public static String packageFindingId(String repo, String ref, String path, Dependency dep) {
        return findingId(repo, ref, path, "package", dep.ecosystem() + ":" + dep.name() + "@" + dep.version());
    }

    public static String findingId(String repo, String ref, String path, String kind, String indicator) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {repo, ref, path, kind, indicator}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
