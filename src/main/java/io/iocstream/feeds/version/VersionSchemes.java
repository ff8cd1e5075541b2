package io.iocstream.feeds.version;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The version ordering of each OSV ecosystem, by its exact OSV name, and comparisons that never throw. */
public final class VersionSchemes {

    /**
     * Longer strings are not versions of any scheme (real ones are far shorter): a parser's regular expression or
     * Maven's comparison recurses once per segment, and a version of thousands of segments overflows a task
     * thread's stack. Such a string matches only an equal listed string.
     */
    public static final int MAX_LENGTH = 256;

    /** OSV {@code SEMVER} ranges, whatever the ecosystem. */
    public static final VersionScheme<SemVer> SEMVER = new Keyed<>(SemVer::parseOsv, SemVer::releaseKey, 3);
    public static final VersionScheme<SemVer> NPM = new Keyed<>(SemVer::parseNpm, SemVer::releaseKey, 3);
    public static final VersionScheme<SemVer> CRATES = new Keyed<>(SemVer::parse, SemVer::releaseKey, 3);
    public static final VersionScheme<SemVer> GO = new Keyed<>(SemVer::parseGo, SemVer::releaseKey, 3);
    /**
     * GitHub Actions tags as GitHub's advisory database compares them: SemVer with or without the {@code v}, and
     * the moving major and minor tags {@code v4} and {@code v4.1} read as {@code 4.0.0} and {@code 4.1.0}, Go's
     * shorthands; a branch name or commit SHA is no version and matches only an equal listed one.
     */
    public static final VersionScheme<SemVer> GITHUB_ACTIONS = GO;
    public static final VersionScheme<Pep440Version> PYPI =
            new Keyed<>(Pep440Version::parse, Pep440Version::releaseKey, 0);
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

        @Override
        public long releaseKey(MavenVersion version) {
            return version.releaseKey();
        }

        @Override
        public long equalReleaseKey(MavenVersion kept) {
            return kept.equalReleaseKey();
        }

        @Override
        public long plainReleaseKey(String text) {
            return MavenVersion.plainReleaseKey(text);
        }
    };

    /**
     * A scheme whose only versions the same as a release are releases: its release key is the version's own. A
     * text of digits and dots is one of its releases as it is written: with {@code parts} numbers (any number for
     * 0), none with a leading zero when {@code parts} is 3 (SemVer).
     */
    private record Keyed<V extends Comparable<V>>(Function<String, V> parser, ToLongFunction<V> keys, int parts)
            implements VersionScheme<V> {

        @Override
        public V parse(String text) {
            return parser.apply(text);
        }

        @Override
        public long releaseKey(V version) {
            return keys.applyAsLong(version);
        }

        @Override
        public long plainReleaseKey(String text) {
            return text.length() > MAX_LENGTH ? NO_KEYS : ReleaseKeys.ofPlain(text, parts == 3, parts);
        }
    }

    private VersionSchemes() {}

    /** The ordering of an ecosystem named as OSV names it, or empty for ecosystems without one here. */
    public static Optional<VersionScheme<?>> forEcosystem(String ecosystem) {
        return Optional.ofNullable(of(ecosystem));
    }

    /** The ordering of an ecosystem named as OSV names it, or null for ecosystems without one here. */
    public static VersionScheme<?> of(String ecosystem) {
        return switch (ecosystem) {
            case "npm" -> NPM;
            case "crates.io" -> CRATES;
            case "Go" -> GO;
            case "PyPI" -> PYPI;
            case "RubyGems" -> RUBYGEMS;
            case "Packagist" -> PACKAGIST;
            case "NuGet" -> NUGET;
            case "Maven" -> MAVEN;
            case "GitHub Actions" -> GITHUB_ACTIONS;
            default -> null;
        };
    }

    /** @throws InvalidVersionException when {@code text} is longer than {@link #MAX_LENGTH} */
    static void requireWithinLength(String scheme, String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException(scheme, text);
        }
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
