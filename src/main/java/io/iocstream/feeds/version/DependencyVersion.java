package io.iocstream.feeds.version;

/**
 * A dependency's version string as one lookup compares it: parsed at most once in each ordering it is asked for,
 * however many entries of the package compare it.
 */
public final class DependencyVersion {

    private final String text;
    /** The dependency's ecosystem's ordering; null when it has none here. */
    private final VersionScheme<?> scheme;
    private long releaseKey;
    private boolean releaseKeyKnown;
    // a lookup compares in two orderings at most, its ecosystem's and SemVer's (SEMVER ranges)
    private VersionScheme<?> firstScheme;
    private Object first;
    private VersionScheme<?> secondScheme;
    private Object second;

    /** {@code text} in the ecosystem of {@code scheme} (null when it has no ordering here). */
    public DependencyVersion(String text, VersionScheme<?> scheme) {
        this.text = text;
        this.scheme = scheme;
    }

    /** The version as the dependency file writes it; null when it gives none. */
    public String text() {
        return text;
    }

    /**
     * Its ecosystem's {@link VersionScheme#releaseKey} of the version; {@link VersionScheme#NOT_RELEASE} when it
     * does not parse there, {@link VersionScheme#NO_KEYS} without an ordering.
     */
    public long releaseKey() {
        if (!releaseKeyKnown) {
            if (scheme == null) {
                releaseKey = VersionScheme.NO_KEYS;
            } else {
                // most versions are plain releases, keyed from the text without parsing it
                long plain = scheme.plainReleaseKey(text);
                releaseKey = plain != VersionScheme.NO_KEYS ? plain : keyIn(scheme);
            }
            releaseKeyKnown = true;
        }
        return releaseKey;
    }

    private <V extends Comparable<V>> long keyIn(VersionScheme<V> ordering) {
        V parsed = in(ordering);
        return parsed == null ? VersionScheme.NOT_RELEASE : ordering.releaseKey(parsed);
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
