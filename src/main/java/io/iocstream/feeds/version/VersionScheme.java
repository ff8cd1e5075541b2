package io.iocstream.feeds.version;

/**
 * One ecosystem's version ordering: parses a version string into a value whose natural order is the
 * ecosystem's precedence, and whose {@code compareTo == 0} is the ecosystem's equality (PyPI {@code 1.0} and
 * {@code 1.0.0}, SemVer versions that differ only in build metadata).
 *
 * @param <V> the parsed version
 */
@FunctionalInterface
public interface VersionScheme<V extends Comparable<V>> {

    /** {@link #releaseKey} of a version that is not a release (numbers only) of the scheme. */
    long NOT_RELEASE = -1;
    /** {@link #releaseKey} of a scheme that keeps no keys: then no version is turned away by its key. */
    long NO_KEYS = -2;

    /** @throws InvalidVersionException when {@code text} is not a version of this scheme */
    V parse(String text);

    /**
     * Whether two versions of this scheme are the same version: {@code compareTo == 0}, or a quicker answer.
     * {@code kept} is the one held for many comparisons (an index entry's), which a scheme may prepare.
     */
    default boolean same(V kept, V version) {
        return kept.compareTo(version) == 0;
    }

    /**
     * A key (at least 0) of a release of this scheme, a version of numbers only such as {@code 1.2.3}: the same
     * for any two releases that are the same version. {@link #NOT_RELEASE} for other versions, {@link #NO_KEYS}
     * when the scheme keeps none. With {@link #equalReleaseKey} a lookup turns away a release that an index
     * entry's version is not, reading only the entry (see {@code IndexedEntry}).
     */
    default long releaseKey(V version) {
        return NO_KEYS;
    }

    /**
     * {@code releaseKey(parse(text))} for a text the scheme reads as a release (digits and dots) without parsing
     * it, or {@link #NO_KEYS} when it does not say, and the text is then parsed.
     */
    default long plainReleaseKey(String text) {
        return NO_KEYS;
    }

    /**
     * The {@link #releaseKey} of the release that {@code kept} is the same version as, or {@link #NOT_RELEASE}
     * when it is the same as none. The default is right where only a release can be the same as a release.
     */
    default long equalReleaseKey(V kept) {
        return releaseKey(kept);
    }
}
