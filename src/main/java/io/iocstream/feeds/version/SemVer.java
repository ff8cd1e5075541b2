package io.iocstream.feeds.version;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SemVer 2.0.0 version (https://semver.org): precedence by major, minor, patch, then prerelease identifiers
 * (a release sorts after its prereleases); build metadata is dropped, so it never affects order or equality.
 * Numbers may have any length, as SemVer 2.0.0 and Go allow (node-semver stops at 2^53, the semver crate at 2^64).
 * Used for OSV {@code SEMVER} ranges, npm, crates.io and Go.
 *
 * @param major      major version
 * @param minor      minor version
 * @param patch      patch version
 * @param prerelease prerelease identifiers; empty for a release
 */
public record SemVer(BigInteger major, BigInteger minor, BigInteger patch, List<String> prerelease)
        implements Comparable<SemVer> {

    // Go accepts the shorthands v1 and v1.2 for v1.0.0 and v1.2.0 (golang.org/x/mod/semver)
    private static final Pattern GO_SHORTHAND = Pattern.compile("(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?");

    public SemVer {
        prerelease = List.copyOf(prerelease);
    }

    /** Strict SemVer 2.0.0, as crates.io versions are. */
    public static SemVer parse(String text) {
        VersionSchemes.requireWithinLength("SemVer", text);
        return parse(text, text, "SemVer");
    }

    /** An OSV {@code SEMVER} range bound or version: SemVer, tolerating the {@code v} Go's versions carry. */
    public static SemVer parseOsv(String text) {
        VersionSchemes.requireWithinLength("SemVer", text);
        String t = text.strip();
        return parse(t.startsWith("v") ? t.substring(1) : t, text, "SemVer");
    }

    /** npm: SemVer after a leading {@code v} or {@code =} (node-semver's {@code clean}). */
    public static SemVer parseNpm(String text) {
        VersionSchemes.requireWithinLength("npm", text);
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
        VersionSchemes.requireWithinLength("Go", text);
        String t = text.strip();
        // OSV writes Go versions without the v in SEMVER ranges; module versions always carry it
        String body = t.startsWith("v") ? t.substring(1) : t;
        long[] plain = DottedNumbers.parse(body, true);
        if (plain != null && plain.length <= 2) {
            return new SemVer(BigInteger.valueOf(plain[0]), plain.length == 2 ? BigInteger.valueOf(plain[1])
                    : BigInteger.ZERO, BigInteger.ZERO, List.of());
        }
        // the shorthand's expression matches only dotted numbers, which have been read when they fit in a long
        Matcher shorthand = plain == null ? GO_SHORTHAND.matcher(body) : null;
        if (shorthand != null && shorthand.matches()) {
            return new SemVer(DottedNumbers.number(shorthand.group(1)), shorthand.group(2) == null
                    ? BigInteger.ZERO : DottedNumbers.number(shorthand.group(2)), BigInteger.ZERO, List.of());
        }
        return parse(body, text, "Go");
    }

    private static SemVer parse(String body, String original, String scheme) {
        long[] plain = DottedNumbers.parse(body, true);
        if (plain != null && plain.length == 3) {
            return new SemVer(BigInteger.valueOf(plain[0]), BigInteger.valueOf(plain[1]),
                    BigInteger.valueOf(plain[2]), List.of());
        }
        // semver.org's grammar, read by hand (SemVerTest checks it against the site's regular expression)
        int majorEnd = numberEnd(body, 0);
        int minorEnd = majorEnd < 0 || !isAt(body, majorEnd, '.') ? -1 : numberEnd(body, majorEnd + 1);
        int patchEnd = minorEnd < 0 || !isAt(body, minorEnd, '.') ? -1 : numberEnd(body, minorEnd + 1);
        int preEnd = patchEnd < 0 || !isAt(body, patchEnd, '-') ? patchEnd : identifiersEnd(body, patchEnd + 1, true);
        int buildEnd = preEnd < 0 || !isAt(body, preEnd, '+') ? preEnd : identifiersEnd(body, preEnd + 1, false);
        if (buildEnd != body.length()) {
            throw new InvalidVersionException(scheme, original);
        }
        List<String> pre = preEnd == patchEnd ? List.of()
                : List.of(body.substring(patchEnd + 1, preEnd).split("\\."));
        return new SemVer(DottedNumbers.number(body.substring(0, majorEnd)),
                DottedNumbers.number(body.substring(majorEnd + 1, minorEnd)),
                DottedNumbers.number(body.substring(minorEnd + 1, patchEnd)), pre);
    }

    private static boolean isAt(String text, int at, char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    /** Where the number starting at {@code from} ends ({@code 0} or digits without a leading zero); -1 if none. */
    private static int numberEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end == from || (end - from > 1 && text.charAt(from) == '0') ? -1 : end;
    }

    /**
     * Where the dot-separated identifiers starting at {@code from} end; -1 if one is empty or, in a prerelease,
     * all digits with a leading zero.
     */
    private static int identifiersEnd(String text, int from, boolean prerelease) {
        int at = from;
        while (true) {
            int start = at;
            boolean digitsOnly = true;
            while (at < text.length() && (isAlphanumeric(text.charAt(at)) || text.charAt(at) == '-')) {
                digitsOnly &= isDigit(text.charAt(at));
                at++;
            }
            if (at == start || (prerelease && digitsOnly && at - start > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            if (!isAt(text, at, '.')) {
                return at;
            }
            at++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The key of a release (no prerelease; build metadata never counts); see {@link VersionScheme#releaseKey}. */
    long releaseKey() {
        return isPrerelease() ? VersionScheme.NOT_RELEASE : ReleaseKeys.of(List.of(major, minor, patch));
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(SemVer o) {
        int c = major.compareTo(o.major);
        if (c == 0) {
            c = minor.compareTo(o.minor);
        }
        if (c == 0) {
            c = patch.compareTo(o.patch);
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
