package io.iocstream.alerts;

import io.iocstream.match.Finding;
import java.util.List;

/** Findings as the matcher writes them, for alert tests. */
final class TestFindings {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private TestFindings() {}

    /** An npm package finding; the id is unique per repository, path and package. */
    static Finding pkg(String status, String trigger, String repo, String severity, String pkg, String ioc) {
        return new Finding(1, id(repo + pkg), status, trigger, repo, "refs/heads/main", COMMIT,
                "package-lock.json", "package", "npm", pkg, "1.0.0", null, List.of(ioc), severity,
                "2026-12-06T06:00:00Z");
    }

    static Finding open(String trigger, String repo, String severity) {
        return pkg("open", trigger, repo, severity, "event-stream", "MAL-2018-1");
    }

    static Finding resolved(Finding open, String trigger) {
        return new Finding(open.schemaVersion(), open.findingId(), "resolved", trigger, open.repo(), open.ref(),
                open.commit(), open.path(), open.kind(), open.ecosystem(), open.packageName(), open.version(),
                open.indicator(), open.iocIds(), open.severity(), "2026-12-06T07:00:00Z");
    }

    /** A 32-hex-digit id, as Findings derives them. */
    static String id(String of) {
        return String.format("%032x", new java.math.BigInteger(1, of.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .mod(java.math.BigInteger.TWO.pow(128)));
    }
}
