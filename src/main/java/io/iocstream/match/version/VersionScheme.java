package io.iocstream.match.version;

/**
 * One ecosystem's version ordering: parses a version string into a value whose natural order is the
 * ecosystem's precedence, and whose {@code compareTo == 0} is the ecosystem's equality (PyPI {@code 1.0} and
 * {@code 1.0.0}, SemVer versions that differ only in build metadata).
 *
 * @param <V> the parsed version
 */
@FunctionalInterface
public interface VersionScheme<V extends Comparable<V>> {

    /** @throws InvalidVersionException when {@code text} is not a version of this scheme */
    V parse(String text);

    /**
     * Whether two versions of this scheme are the same version: {@code compareTo == 0}, or a quicker answer.
     * {@code kept} is the one held for many comparisons (an index entry's), which a scheme may prepare.
     */
    default boolean same(V kept, V version) {
        return kept.compareTo(version) == 0;
    }
}
