package io.iocstream.match;

import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checked suppression: a finding it covers is emitted as {@code suppressed}, and never alerts, until
 * {@code until} passes. Repository and path are globs as {@link java.nio.file.FileSystem#getPathMatcher} reads them
 * ({@code *} within one path segment, {@code **} across segments, {@code {a,b}} alternatives).
 *
 * @param until when it stops covering, or null for never
 */
public record Suppression(String iocId, String findingId, String repoGlob, String pathGlob, String reason,
        Instant until) implements Serializable {

    private static final Map<String, PathMatcher> MATCHERS = new ConcurrentHashMap<>();

    public Suppression {
        if (reason == null || reason.isBlank()) {
            throw new SuppressionException("reason", "required: say why the finding may be hidden");
        }
        if (blank(iocId) && blank(findingId) && blank(repoGlob) && blank(pathGlob)) {
            throw new SuppressionException("ioc_id", "a suppression needs at least one of ioc_id, finding_id, repo, "
                    + "path");
        }
        checkGlob("repo", repoGlob);
        checkGlob("path", pathGlob);
    }

    /** Checks what a user wrote. */
    public static Suppression of(SuppressionEntry entry) {
        return new Suppression(trimmed(entry.iocId()), trimmed(entry.findingId()), trimmed(entry.repo()),
                trimmed(entry.path()), entry.reason(), until(entry.until()));
    }

    /** Whether it covers {@code finding} at {@code now}: not expired, and every selector it has matches. */
    public boolean covers(Finding finding, Instant now) {
        return activeAt(now)
                && (iocId == null || finding.iocIds().contains(iocId))
                && (findingId == null || findingId.equalsIgnoreCase(finding.findingId()))
                && (repoGlob == null || matches(repoGlob, finding.repo()))
                && (pathGlob == null || matches(pathGlob, finding.path()));
    }

    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }

    private static Instant until(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new SuppressionException("until", "'" + value + "' is not a date (2027-01-31) or an RFC 3339 time "
                    + "(2027-01-31T12:00:00Z)");
        }
    }

    private static void checkGlob(String key, String glob) {
        if (glob == null) {
            return;
        }
        try {
            matcher(glob);
        } catch (IllegalArgumentException e) {
            throw new SuppressionException(key, "'" + glob + "' is not a glob: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static boolean matches(String glob, String value) {
        try {
            return value != null && !value.isEmpty() && matcher(glob).matches(Path.of(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static PathMatcher matcher(String glob) {
        // compiled once a glob: every finding is checked against every suppression
        PathMatcher known = MATCHERS.get(glob);
        if (known != null) {
            return known;
        }
        PathMatcher compiled = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        MATCHERS.put(glob, compiled);
        return compiled;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.strip();
    }
}
