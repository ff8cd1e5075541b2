package io.iocstream.match.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SemVer 2.0.0 version (https://semver.org): precedence by major, minor, patch, then prerelease identifiers
 * (a release sorts after its prereleases); build metadata is dropped, so it never affects order or equality.
 * Used for OSV {@code SEMVER} ranges, npm, crates.io and Go.
 *
 * @param major      major version
 * @param minor      minor version
 * @param patch      patch version
 * @param prerelease prerelease identifiers; empty for a release
 */
public record SemVer(long major, long minor, long patch, List<String> prerelease) implements Comparable<SemVer> {

    // semver.org's suggested regular expression, with the build metadata group left uncaptured
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?");
    // Go accepts the shorthands v1 and v1.2 for v1.0.0 and v1.2.0 (golang.org/x/mod/semver)
    private static final Pattern GO_SHORTHAND = Pattern.compile("(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?");

    public SemVer {
        prerelease = List.copyOf(prerelease);
    }

    /** Strict SemVer 2.0.0, as crates.io versions are. */
    public static SemVer parse(String text) {
        return parse(text, text, "SemVer");
    }

    /** An OSV {@code SEMVER} range bound or version: SemVer, tolerating the {@code v} Go's versions carry. */
    public static SemVer parseOsv(String text) {
        String t = text.strip();
        return parse(t.startsWith("v") ? t.substring(1) : t, text, "SemVer");
    }

    /** npm: SemVer after a leading {@code v} or {@code =} (node-semver's {@code clean}). */
    public static SemVer parseNpm(String text) {
        String t = text.strip();
        // node-semver strips leading '=', 'v' and blanks (those of regex \s) before parsing
        int start = 0;
        while (start < t.length() && "=v \t\n\u000B\f\r".indexOf(t.charAt(start)) >= 0) {
            start++;
        }
        return parse(t.substring(start), text, "npm");
    }

    /** Go module versions: {@code v} then SemVer ({@code +incompatible} is build metadata), or v1 / v1.2. */
    public static SemVer parseGo(String text) {
        String t = text.strip();
        // OSV writes Go versions without the v in SEMVER ranges; module versions always carry it
        String body = t.startsWith("v") ? t.substring(1) : t;
        long[] plain = DottedNumbers.parse(body, true);
        if (plain != null && plain.length <= 2) {
            return new SemVer(plain[0], plain.length == 2 ? plain[1] : 0, 0, List.of());
        }
        Matcher shorthand = GO_SHORTHAND.matcher(body);
        if (shorthand.matches()) {
            return new SemVer(number(shorthand.group(1), text), shorthand.group(2) == null ? 0
                    : number(shorthand.group(2), text), 0, List.of());
        }
        return parse(body, text, "Go");
    }

    private static SemVer parse(String body, String original, String scheme) {
        long[] plain = DottedNumbers.parse(body, true);
        if (plain != null && plain.length == 3) {
            return new SemVer(plain[0], plain[1], plain[2], List.of());
        }
        Matcher m = SEMVER.matcher(body);
        if (!m.matches()) {
            throw new InvalidVersionException(scheme, original);
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new SemVer(number(m.group(1), original), number(m.group(2), original), number(m.group(3), original),
                pre);
    }

    private static long number(String digits, String original) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidVersionException("SemVer", original);
        }
    }

    /** The key of a release (no prerelease; build metadata never counts); see {@link VersionScheme#releaseKey}. */
    long releaseKey() {
        return isPrerelease() ? VersionScheme.NOT_RELEASE : ReleaseKeys.of(new long[] {major, minor, patch});
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (isPrerelease() != o.isPrerelease()) {
            return isPrerelease() ? -1 : 1;
        }
        return Identifiers.compare(prerelease, o.prerelease, false);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + String.join(".", prerelease));
    }
}
