package io.iocstream.match.version;

/**
 * A dependency's version string as one lookup compares it: parsed at most once in each ordering it is asked for,
 * however many entries of the package compare it.
 */
public final class DependencyVersion {

    private final String text;
    // a lookup compares in two orderings at most, its ecosystem's and SemVer's (SEMVER ranges)
    private VersionScheme<?> firstScheme;
    private Object first;
    private VersionScheme<?> secondScheme;
    private Object second;

    public DependencyVersion(String text) {
        this.text = text;
    }

    /** The version as the dependency file writes it; null when it gives none. */
    public String text() {
        return text;
    }

    /** The version in {@code scheme}'s ordering, or null when it does not parse there. */
    @SuppressWarnings("unchecked") // each slot holds what its own scheme parsed
    <V extends Comparable<V>> V in(VersionScheme<V> scheme) {
        if (scheme == firstScheme) {
            return (V) first;
        }
        if (scheme == secondScheme) {
            return (V) second;
        }
        V parsed = VersionSchemes.tryParse(scheme, text);
        if (firstScheme == null) {
            firstScheme = scheme;
            first = parsed;
        } else {
            secondScheme = scheme;
            second = parsed;
        }
        return parsed;
    }
}
