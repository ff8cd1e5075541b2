package io.iocstream.feeds.version;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The versions an IOC entry lists and the ranges it gives, with every listed version and range bound parsed once
 * in its ecosystem's ordering (SemVer for {@code SEMVER} ranges), so that a lookup parses only the dependency's
 * version.
 *
 * @param <V> the ecosystem's parsed version
 */
public final class AffectedVersions<V extends Comparable<V>> {

    /**
     * The listed versions that do not parse in the ecosystem's ordering (all of them when it has none): only a
     * string equal to one matches it. A listed version that parses is matched in {@link #ordered}, which holds
     * its string too (an equal string parses to an equal version).
     */
    private final Set<String> unparsed;
    /** Null when the ecosystem has no ordering here: only listed strings equal to the version match. */
    private final VersionScheme<V> scheme;
    /** The listed versions that parse in the ecosystem's ordering. */
    private final List<V> ordered;
    private final List<VersionRange.Bounds<V>> ecosystemRanges;
    private final List<VersionRange.Bounds<SemVer>> semverRanges;
    private final boolean everyVersion;

    private AffectedVersions(VersionScheme<V> scheme, Set<String> listed, List<VersionRange> ranges) {
        this.scheme = scheme;
        List<V> parsedVersions = new ArrayList<>();
        Set<String> notParsed = scheme == null ? listed : new HashSet<>();
        if (scheme != null) {
            for (String version : listed) {
                V parsed = VersionSchemes.tryParse(scheme, version);
                if (parsed != null) {
                    parsedVersions.add(parsed);
                } else {
                    notParsed.add(version);
                }
            }
        }
        everyVersion = ranges.stream().anyMatch(VersionRange::coversEverything);
        List<VersionRange.Bounds<V>> inEcosystem = new ArrayList<>();
        List<VersionRange.Bounds<SemVer>> inSemver = new ArrayList<>();
        for (VersionRange range : ranges) {
            if (range.type() == VersionRange.Type.SEMVER) {
                addIfParsed(inSemver, range.bounds(VersionSchemes.SEMVER));
            } else if (scheme != null) {
                addIfParsed(inEcosystem, range.bounds(scheme));
            }
        }
        // immutable copies: an empty one is a single shared instance and one or two elements sit in the list
        // itself, so that a lookup of a version the entry does not hold reads few objects (each a cache miss in a
        // large index)
        unparsed = Set.copyOf(notParsed);
        ordered = List.copyOf(parsedVersions);
        ecosystemRanges = List.copyOf(inEcosystem);
        semverRanges = List.copyOf(inSemver);
    }

    /** {@code ecosystem} is the OSV ecosystem name. */
    public static AffectedVersions<?> of(String ecosystem, Set<String> listed, List<VersionRange> ranges) {
        return new AffectedVersions<>(VersionSchemes.of(ecosystem), listed, ranges);
    }

    /**
     * When all the entry says is one listed version that parses, the scheme's {@link VersionScheme#equalReleaseKey}
     * of it: a release with another key is not affected. {@link VersionScheme#NO_KEYS} otherwise.
     */
    public long equalReleaseKey() {
        if (scheme == null || everyVersion || ordered.size() != 1 || !unparsed.isEmpty()
                || !ecosystemRanges.isEmpty() || !semverRanges.isEmpty()) {
            return VersionScheme.NO_KEYS;
        }
        return scheme.equalReleaseKey(ordered.get(0));
    }

    private static <B> void addIfParsed(List<B> bounds, B parsed) {
        // a range with a bound that does not parse makes no claim about any version
        if (parsed != null) {
            bounds.add(parsed);
        }
    }

    /**
     * Whether {@code version} (not null) is a listed string, equal to a listed version under the ecosystem's
     * rules ({@code 1.0} and {@code 1.0.0} in PyPI), or inside one of the ranges; a range that covers everything
     * includes versions that do not parse too.
     */
    public boolean includes(DependencyVersion version) {
        if (everyVersion || unparsed.contains(version.text())) {
            return true;
        }
        if (!ordered.isEmpty() || !ecosystemRanges.isEmpty()) {
            V v = version.in(scheme);
            if (v != null && (equalsAny(scheme, v, ordered) || inAny(v, ecosystemRanges))) {
                return true;
            }
        }
        if (!semverRanges.isEmpty()) {
            SemVer v = version.in(VersionSchemes.SEMVER);
            return v != null && inAny(v, semverRanges);
        }
        return false;
    }

    private static <T extends Comparable<T>> boolean equalsAny(VersionScheme<T> scheme, T version,
            List<T> candidates) {
        for (T candidate : candidates) {
            if (scheme.same(candidate, version)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Comparable<T>> boolean inAny(T version, List<VersionRange.Bounds<T>> ranges) {
        for (VersionRange.Bounds<T> range : ranges) {
            if (range.includes(version)) {
                return true;
            }
        }
        return false;
    }
}
