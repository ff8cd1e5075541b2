package io.iocstream.match.version;

import java.util.ArrayList;
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

    private final Set<String> listed;
    /** Null when the ecosystem has no ordering here: only listed strings equal to the version match. */
    private final VersionScheme<V> scheme;
    /** The listed versions that parse in the ecosystem's ordering. */
    private final List<V> ordered = new ArrayList<>();
    private final List<VersionRange.Bounds<V>> ecosystemRanges = new ArrayList<>();
    private final List<VersionRange.Bounds<SemVer>> semverRanges = new ArrayList<>();
    private final boolean everyVersion;

    private AffectedVersions(VersionScheme<V> scheme, Set<String> listed, List<VersionRange> ranges) {
        this.scheme = scheme;
        this.listed = listed;
        if (scheme != null) {
            for (String version : listed) {
                V parsed = VersionSchemes.tryParse(scheme, version);
                if (parsed != null) {
                    ordered.add(parsed);
                }
            }
        }
        everyVersion = ranges.stream().anyMatch(VersionRange::coversEverything);
        for (VersionRange range : ranges) {
            if (range.type() == VersionRange.Type.SEMVER) {
                addIfParsed(semverRanges, range.bounds(VersionSchemes.SEMVER));
            } else if (scheme != null) {
                addIfParsed(ecosystemRanges, range.bounds(scheme));
            }
        }
    }

    /** {@code ecosystem} is the OSV ecosystem name; {@code listed} is kept, not copied. */
    public static AffectedVersions<?> of(String ecosystem, Set<String> listed, List<VersionRange> ranges) {
        return new AffectedVersions<>(VersionSchemes.forEcosystem(ecosystem).orElse(null), listed, ranges);
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
        if (everyVersion || listed.contains(version.text())) {
            return true;
        }
        if (!ordered.isEmpty() || !ecosystemRanges.isEmpty()) {
            V v = version.in(scheme);
            if (v != null && (equalsAny(v, ordered) || inAny(v, ecosystemRanges))) {
                return true;
            }
        }
        if (!semverRanges.isEmpty()) {
            SemVer v = version.in(VersionSchemes.SEMVER);
            return v != null && inAny(v, semverRanges);
        }
        return false;
    }

    private static <T extends Comparable<T>> boolean equalsAny(T version, List<T> candidates) {
        for (T candidate : candidates) {
            if (candidate.compareTo(version) == 0) {
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
