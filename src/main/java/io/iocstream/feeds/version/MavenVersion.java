package io.iocstream.feeds.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * A Maven version in Maven's own order, {@link ComparableVersion}'s, with the plain form most versions take
 * ({@code 1.2.3}: digits and single dots) compared as numbers, without building Maven's item list. A lockfile
 * lookup that finds the name at another version then costs a scan of the version string, not a
 * {@code ComparableVersion} (100 to 150 ns).
 *
 * <p>Why numbers are Maven's order for plain versions: Maven reads each dotted part as a number (leading zeros
 * stripped; an {@code int} item up to 9 digits, a {@code long} item up to 18, always greater than any {@code int}
 * item) and drops trailing zeros, so two plain versions compare part by part, a missing part counting as 0. Trap:
 * Maven does not strip an all-zero part, so {@code 0000000000} (10 digits or more) is a {@code long} item 0, above
 * every {@code int} item; a version with such a part is left to {@code ComparableVersion}.
 * Other forms can still equal a plain version ({@code 1.0-final} is {@code 1}): see {@link #plainEquivalent}.
 * {@code MavenVersionTest} checks both against {@code ComparableVersion} on random versions.
 */
public final class MavenVersion implements Comparable<MavenVersion> {

    /** Maven keeps an all-zero part of this many digits as a {@code long} item, not as the number 0. */
    private static final int LONG_ITEM_DIGITS = 10;

    /**
     * No plain version equals this one: told by its length (a plain version has at least one number), not by
     * identity, since a deep copy of the version (Kryo's) copies the array too.
     */
    private static final long[] NONE = {};
    private static final long[] ZERO = {0};

    private final String text;
    /** The numbers of a plain version; null for any other form. */
    private final long[] numbers;
    /** Built when first needed: always for a version of another form, for a plain one only against such. */
    private ComparableVersion maven;
    /** For a version of another form: the numbers of the plain version it equals, or {@link #NONE}; lazy. */
    private long[] plainEquivalent;

    private MavenVersion(String text) {
        this.text = text;
        long[] plain = DottedNumbers.parse(text, false);
        this.numbers = plain != null && !hasLongZeroPart(text) ? plain : null;
    }

    /**
     * @throws InvalidVersionException when {@code text} is blank or longer than {@link VersionSchemes#MAX_LENGTH}:
     *     Maven compares its sub-lists recursively, and 500 nested {@code -1} parts overflow a 256 KB stack
     */
    static MavenVersion parse(String text) {
        VersionSchemes.requireWithinLength("Maven", text);
        if (text.isBlank()) {
            throw new InvalidVersionException("Maven", text);
        }
        return new MavenVersion(text.strip());
    }

    /** Whether a plain version has a part of {@link #LONG_ITEM_DIGITS} or more zeros and nothing else. */
    private static boolean hasLongZeroPart(String plain) {
        int zeros = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '0') {
                zeros++;
            } else if (c == '.') {
                if (zeros >= LONG_ITEM_DIGITS) {
                    return true;
                }
                zeros = 0;
            } else {
                // a digit other than 0: skip to the next part
                while (i + 1 < plain.length() && plain.charAt(i + 1) != '.') {
                    i++;
                }
                zeros = 0;
            }
        }
        return zeros >= LONG_ITEM_DIGITS;
    }

    @Override
    public int compareTo(MavenVersion other) {
        if (numbers != null && other.numbers != null) {
            return compareNumbers(numbers, other.numbers);
        }
        return maven().compareTo(other.maven());
    }

    /**
     * Whether the two are the same version to Maven ({@code compareTo == 0}), without ordering them. This version is
     * the one kept (an index entry's), {@code other} the one asked about: what this one works out is kept with it,
     * and the answer is the same either way round.
     */
    boolean sameAs(MavenVersion other) {
        if (numbers != null && other.numbers != null) {
            return compareNumbers(numbers, other.numbers) == 0;
        }
        if (numbers == null && other.numbers != null) {
            long[] equivalent = plainEquivalent();
            return equivalent.length > 0 && compareNumbers(equivalent, other.numbers) == 0;
        }
        return maven().compareTo(other.maven()) == 0;
    }

    /** {@link VersionScheme#plainReleaseKey}: a plain text's key, as {@link #releaseKey} of it would give. */
    static long plainReleaseKey(String text) {
        if (text.length() > VersionSchemes.MAX_LENGTH || hasLongZeroPart(text)) {
            return VersionScheme.NO_KEYS;
        }
        return ReleaseKeys.ofPlain(text, false, 0);
    }

    /** The key of a plain version; see {@link VersionScheme#releaseKey}. */
    long releaseKey() {
        return numbers == null ? VersionScheme.NOT_RELEASE : ReleaseKeys.of(numbers);
    }

    /** The key of the plain version this one is the same as; see {@link VersionScheme#equalReleaseKey}. */
    long equalReleaseKey() {
        if (numbers != null) {
            return releaseKey();
        }
        long[] equivalent = plainEquivalent();
        return equivalent.length == 0 ? VersionScheme.NOT_RELEASE : ReleaseKeys.of(equivalent);
    }

    private ComparableVersion maven() {
        if (maven == null) {
            maven = new ComparableVersion(text);
        }
        return maven;
    }

    /**
     * The numbers of the plain version this one equals, or {@link #NONE}: worked out once from Maven's canonical
     * form. Maven never finds a number equal to a word or a sub-list, so a version equal to the plain
     * {@code p1.….pk} (last part not 0) has the items {@code p1} to {@code pk} first, and its canonical form begins
     * with them: the leading numbers of the canonical form, less trailing zeros, are the only candidate besides
     * {@code 0} (whose canonical form is empty, so that a sub-list's numbers can come first). Each candidate is
     * confirmed by Maven's own comparison.
     */
    private long[] plainEquivalent() {
        if (plainEquivalent == null) {
            long[] found = NONE;
            for (long[] candidate : new long[][] {leadingNumbers(maven().getCanonical()), ZERO}) {
                if (candidate != null && maven().compareTo(new ComparableVersion(joined(candidate))) == 0) {
                    found = candidate;
                    break;
                }
            }
            plainEquivalent = found;
        }
        return plainEquivalent;
    }

    /** The numbers of the longest {@code digits(.digits)*} start of {@code canonical}; null when it has none. */
    private static long[] leadingNumbers(String canonical) {
        int end = 0;
        while (end < canonical.length() && isDigit(canonical.charAt(end))) {
            end++;
            if (end + 1 < canonical.length() && canonical.charAt(end) == '.' && isDigit(canonical.charAt(end + 1))) {
                end++;
            }
        }
        return end == 0 ? null : DottedNumbers.parse(canonical.substring(0, end), false);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String joined(long[] numbers) {
        StringBuilder text = new StringBuilder();
        for (long n : numbers) {
            text.append(text.isEmpty() ? "" : ".").append(n);
        }
        return text.toString();
    }

    /** Part by part, a missing part counting as 0. */
    private static int compareNumbers(long[] a, long[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
