package io.iocstream.match.version;

import java.util.Optional;

/** The version ordering of each OSV ecosystem, by its exact OSV name, and comparisons that never throw. */
public final class VersionSchemes {

    /** OSV {@code SEMVER} ranges, whatever the ecosystem. */
    public static final VersionScheme<SemVer> SEMVER = SemVer::parseOsv;
    public static final VersionScheme<SemVer> NPM = SemVer::parseNpm;
    public static final VersionScheme<SemVer> CRATES = SemVer::parse;
    public static final VersionScheme<SemVer> GO = SemVer::parseGo;
    public static final VersionScheme<Pep440Version> PYPI = Pep440Version::parse;
    public static final VersionScheme<GemVersion> RUBYGEMS = GemVersion::parse;
    public static final VersionScheme<ComposerVersion> PACKAGIST = ComposerVersion::parse;
    public static final VersionScheme<NuGetVersion> NUGET = NuGetVersion::parse;
    public static final VersionScheme<MavenVersion> MAVEN = new VersionScheme<>() {
        @Override
        public MavenVersion parse(String text) {
            return MavenVersion.parse(text);
        }

        @Override
        public boolean same(MavenVersion kept, MavenVersion version) {
            return kept.sameAs(version);
        }
    };

    private VersionSchemes() {}

    /** The ordering of an ecosystem named as OSV names it, or empty for ecosystems without one here. */
    public static Optional<VersionScheme<?>> forEcosystem(String ecosystem) {
        VersionScheme<?> scheme = switch (ecosystem) {
            case "npm" -> NPM;
            case "crates.io" -> CRATES;
            case "Go" -> GO;
            case "PyPI" -> PYPI;
            case "RubyGems" -> RUBYGEMS;
            case "Packagist" -> PACKAGIST;
            case "NuGet" -> NUGET;
            case "Maven" -> MAVEN;
            default -> null;
        };
        return Optional.ofNullable(scheme);
    }

    /** The parsed version, or null when the string is not a version of the scheme. */
    static <V extends Comparable<V>> V tryParse(VersionScheme<V> scheme, String text) {
        if (text == null) {
            return null;
        }
        try {
            return scheme.parse(text);
        } catch (RuntimeException e) {
            // a version that does not parse in its ecosystem must never stop matching
            return null;
        }
    }
}
