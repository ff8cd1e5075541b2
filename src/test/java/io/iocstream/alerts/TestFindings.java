package io.iocstream.alerts;

import io.iocstream.match.Finding;
import java.util.List;

/** Findings as the matcher writes them, for alert tests. */
final class TestFindings {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private TestFindings() {}

    /** An npm package finding; the id is unique per repository, path and package. */
    static Finding pkg(String status, String trigger, String repo, String severity, String pkg, String ioc) {
        return contract(1, id(repo + pkg), status, trigger, repo, "refs/heads/main", COMMIT,
                "package-lock.json", "package", "npm", pkg, "1.0.0", null, List.of(ioc), severity,
                "2026-12-06T06:00:00Z");
    }

    static Finding open(String trigger, String repo, String severity) {
        return pkg("open", trigger, repo, severity, "event-stream", "MAL-2018-1");
    }

    static Finding resolved(Finding open, String trigger) {
        return contract(open.schemaVersion(), open.findingId(), "resolved", trigger, open.repo(), open.ref(),
                open.commit(), open.path(), open.kind(), open.ecosystem(), open.packageName(), open.version(),
                open.indicator(), open.iocIds(), open.severity(), "2026-12-06T07:00:00Z");
    }

    /** A finding with the contract's fields and no triage fields, as a baseline scan of a bare world gives. */
    static Finding contract(int schemaVersion, String findingId, String status, String trigger, String repo,
            String ref, String commit, String path, String kind, String ecosystem, String packageName, String version,
            String indicator, List<String> iocIds, String severity, String detectedAt) {
        return new Finding(schemaVersion, findingId, status, trigger, repo, ref, commit, path, kind, ecosystem,
                packageName, version, indicator, iocIds, severity, detectedAt, null, null, null, null, null, null,
                List.of(), List.of(), null, null, null);
    }

    /** A 32-hex-digit id, as Findings derives them. */
    static String id(String of) {
        return String.format("%032x", new java.math.BigInteger(1, of.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .mod(java.math.BigInteger.TWO.pow(128)));
    }
}
