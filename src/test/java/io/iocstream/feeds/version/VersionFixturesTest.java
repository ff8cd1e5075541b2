package io.iocstream.feeds.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.feeds.version.Orderings.FixtureLine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line of the version-ordering fixtures (src/test/resources/versions, osv-scalibr's; the generated files come
 * from each ecosystem's own implementation) holds in the ordering here, both ways round, for lookups ({@code same},
 * release keys) as for ranges. The exceptions are lines where the implementation the ecosystem runs today says
 * otherwise than the file: each gives that answer and the implementation's rule, and must still be needed.
 */
class VersionFixturesTest {

    private static final int LESS = -1;
    private static final int SAME = 0;
    private static final int MORE = 1;

    /** A line its ecosystem's implementation orders otherwise: {@code actually} is its answer, -1, 0 or 1. */
    private record Differs(String file, String line, int actually, String rule) {}

    /** Strings of {@code files} that the implementations of {@code schemes} reject: a line with one orders nothing. */
    private record NotVersions(Set<String> files, Set<String> schemes, String rule, Set<String> texts) {}

    // the rules, from the implementations' source (maven-artifact, composer/semver, pypa/packaging, rubygems,
    // node-semver, the semver crate, golang.org/x/mod/semver)
    private static final String MNG_7644 = "maven-artifact 3.9.0 reads a qualifier after a dot as after a hyphen"
            + " (MNG-7644: 1.0.0.RC1 is 1-rc-1); the file was made with 3.8.6";
    private static final String GA_INSIDE = "ComparableVersion drops a null qualifier (ga) only at a list's end;"
            + " inside, it is a qualifier, below the number 1 (maven-artifact 3.2.5 and 3.9.9 alike)";
    private static final String COMPOSER_PADS = "Composer normalises both to four numbers first"
            + " (VersionParser::normalize: 3.0 is 3.0.0.0); the file's generator compared raw strings";
    private static final String COMPOSER_CASE = "Composer reads a stability without case (expandStability);"
            + " PHP's version_compare alone knows only lower-case alpha and beta";
    private static final String COMPOSER_STABLE = "Composer's normalize drops -stable; version_compare alone ranks"
            + " the unknown word below every stability";
    private static final String COMPOSER_INVALID = "VersionParser::normalize throws 'Invalid version string':"
            + " after the numbers only a stability (stable, RC, beta, b, alpha, a, patch, pl, p), its numbers"
            + " and -dev may follow";
    private static final String COMPOSER_BRANCH = "a dev- branch: Composer's Constraint::versionCompare orders no"
            + " branch against a version";
    private static final String LEGACY_PYPI = "not PEP 440: packaging 22 dropped LegacyVersion, Version() raises"
            + " InvalidVersion (checked with packaging 26.2)";
    private static final String GEM_PATTERN = "Gem::Version's pattern wants a dot before a letter segment:"
            + " 'Malformed version number string'";
    private static final String THREE_NUMBERS = "SemVer 2.0.0 has exactly three numbers before - or +;"
            + " node-semver and the semver crate reject others";
    private static final String GO_SHORTHAND = "golang.org/x/mod/semver takes v1 and v1.2 as shorthands,"
            + " never four numbers or more";
    private static final String NO_V = "the semver crate rejects a leading v ('unexpected character')";

    private static final String MAVEN_GENERATED = "maven-versions-generated.txt";
    private static final String PACKAGIST_GENERATED = "packagist-versions-generated.txt";
    private static final String PYPI_FILES = "pypi-versions.txt pypi-versions-generated.txt";

    private static final List<Differs> DIFFERS = List.of(
            new Differs(MAVEN_GENERATED, "1.0.0-RC16 < 1.0.0.RC8-beta", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "2.9.0-1 < 2.9.0.RC1", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "6.1.12.rc5 < 6.1.12rc1", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.1.31.sec10 < 1.1.31_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.1.34.sec10 < 1.1.34_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.1.46.sec10 < 1.1.46_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.8.sec10_noneautotype < 1.2.8_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.31.sec10 < 1.2.31_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.48.sec10 < 1.2.48_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.50.sec10 < 1.2.50_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.54.sec10 < 1.2.54_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.57.sec10 < 1.2.57_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.60.sec10 < 1.2.60_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.2.67.sec10 < 1.2.67_noneautotype", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.0.0rc0 < 1.0.beta8", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.5.9.RC1 < 1.5.9-RC0", MORE, MNG_7644),
            new Differs(MAVEN_GENERATED, "1.1.0-01-glassfish < 1.1.0.Beta1", MORE, MNG_7644),
            new Differs("maven-versions.txt", "1-1 = 1-ga-1", MORE, GA_INSIDE),
            new Differs(PACKAGIST_GENERATED, "v3.0 < v3.0.0-beta", MORE, COMPOSER_PADS),
            new Differs(PACKAGIST_GENERATED, "v3.4 < v3.4.0-alpha", MORE, COMPOSER_PADS),
            new Differs(PACKAGIST_GENERATED, "v4-beta4 < v4.0-alpha", MORE, COMPOSER_PADS),
            new Differs(PACKAGIST_GENERATED, "v4.4 < v4.4.0-beta", MORE, COMPOSER_PADS),
            new Differs(PACKAGIST_GENERATED, "v6.5 < v6.5.0-beta-0", MORE, COMPOSER_PADS),
            new Differs(PACKAGIST_GENERATED, "v6.6 < v6.6.0-beta", MORE, COMPOSER_PADS),
            new Differs("packagist-versions.txt", "1.0.0 > 1.0", SAME, COMPOSER_PADS),
            new Differs(PACKAGIST_GENERATED, "v1.9.0-ALPHA.1 = v1.9.0-BETA.1", LESS, COMPOSER_CASE),
            new Differs(PACKAGIST_GENERATED, "v1.9.0-BETA.1 < v1.9.0-ALPHA.2", MORE, COMPOSER_CASE),
            new Differs(PACKAGIST_GENERATED, "v1.9.0-ALPHA.2 = v1.9.0-BETA.2", LESS, COMPOSER_CASE),
            new Differs(PACKAGIST_GENERATED, "5.1.0-stable < 5.1.0-beta2", MORE, COMPOSER_STABLE));

    private static final List<NotVersions> NOT_VERSIONS = List.of(
            notVersions(PACKAGIST_GENERATED, "Packagist", COMPOSER_INVALID, "0.0.1-test1 3.0.0b1.post1 3.0.0b1.post2"
                    + " 3.0.0b2.post1 3.0.0b2.post2 3.1.0.post1 3.2.0rc1.post1 3.5.0.post1 3.5.2.post1"
                    + " 1.5.1.dev100 1.5.1.dev101"),
            notVersions("packagist-versions.txt", "Packagist", COMPOSER_INVALID,
                    "4.3-2RC1 4.3-2RC2 4.3-2beta5 4.3-2 4.3-2beta1 1.2.3.# 1.2.3.#.1 1.2.3.#.p3 1.2.3.#.beta"),
            notVersions("packagist-versions.txt", "Packagist", COMPOSER_BRANCH, "dev-foo"),
            notVersions(PYPI_FILES, "PyPI", LEGACY_PYPI, "0.1-bulbasaur 0.1-charmander 0.9-doduo 0.9-eevee"
                    + " 0.9-fearow 0.9-gyarados 0.9-horsea 0.9-ivysaur 0.0.1-test1 1.3.1-STAGING 2.0.1rc2-git"),
            notVersions(PYPI_FILES, "PyPI", LEGACY_PYPI, "-class.-jw.util.version.Version-"
                    + " -class.-jw.util.version.version-dev -class.-jw.util.version.version-pre"
                    + " -class.-jw.util.version.version-preview a3 trunk"),
            notVersions(PYPI_FILES, "PyPI", LEGACY_PYPI, "0.3.1-p1 0.4.0-p1 0.7.10p1 0.7.11p1 0.7.11p2 0.7.11p3"
                    + " 0.8.1p1 0.8.3p1 0.8.4p1 0.8.4p2 0.8.6p1 0.8.7p1 0.7.1.fix1 0.7.4.svn.r2010 1.0beta6.1"
                    + " 4.11-final 5.0-final 2.0.0-final"),
            notVersions(PYPI_FILES, "PyPI", LEGACY_PYPI, "0.3m1 0.3m2 0.3m3 0.3m4 0.3m5 0.4m1 0.4m2 0.4m3 0.4m4"
                    + " 0.4m5 0.5m1 0.5m2 0.5m3 0.5m4 0.5m5 0.6m1 0.6m2 0.6m3 0.6m4 0.6m5 0.6m6"),
            notVersions(PYPI_FILES, "PyPI", LEGACY_PYPI, "2013-01-21T20:33:09+0100 2013-01-23T17:11:52+0100"
                    + " 2013-02-01T20:50:46+0100 2013-02-02T19:59:03+0100 2013-02-02T20:23:17+0100"
                    + " 2013-02-08T17:40:57+0000 2013-03-27T16:32:26+0100 2013-05-09T12:47:53+0200"
                    + " 2013-05-10T17:55:56+0200 2013-05-14T20:16:05+0200 2013-06-01T10:32:51+0200"
                    + " 2013-07-19T09:11:08+0000 2013-08-12T21:48:56+0200 2013-09-11T19-27-10 2013-12-23T17-51-15"
                    + " 2014-01-12T15-52-10"),
            notVersions("rubygems-versions.txt", "RubyGems", GEM_PATTERN, "1beta 1gamma"),
            notVersions("semver-versions.txt", "npm crates.io SEMVER", THREE_NUMBERS,
                    "999999999999999999999999999991 999999999999999999999999999999 1.1.3.4.5"),
            notVersions("semver-versions.txt", "Go", GO_SHORTHAND, "1.1.3.4.5"),
            notVersions("semver-versions.txt", "crates.io", NO_V, "v0.0.0 v0.0.1 v1.0.0 v0.10.0 v0.99.0 v2.0.0"
                    + " v0.0.0-foo v0.9.9 v0.9.0 v1.2.3 v1.2.3-0 v1.2.3-1 v1.2.3-beta v1.2.3+build"));

    /** The implementations on the classpath, which the exceptions' answers are checked against too. */
    private static final Map<String, BiFunction<String, String, Integer>> IMPLEMENTATIONS = Map.of(
            "Maven", (a, b) -> Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b))));

    static List<Arguments> files() {
        return List.of(
                Arguments.of("maven-versions.txt", "Maven"),
                Arguments.of(MAVEN_GENERATED, "Maven"),
                Arguments.of("nuget-versions.txt", "NuGet"),
                Arguments.of("packagist-versions.txt", "Packagist"),
                Arguments.of(PACKAGIST_GENERATED, "Packagist"),
                Arguments.of("pypi-versions.txt", "PyPI"),
                Arguments.of("pypi-versions-generated.txt", "PyPI"),
                Arguments.of("rubygems-versions.txt", "RubyGems"),
                Arguments.of("rubygems-versions-generated.txt", "RubyGems"),
                // osv-scalibr checks npm, crates.io and Go on it; OSV's SEMVER ranges are SemVer too
                Arguments.of("semver-versions.txt", "npm"),
                Arguments.of("semver-versions.txt", "crates.io"),
                Arguments.of("semver-versions.txt", "Go"),
                Arguments.of("semver-versions.txt", "SEMVER"));
    }

    @Test
    void everyFixtureFileIsRead() throws IOException, URISyntaxException {
        Set<String> read = new HashSet<>();
        files().forEach(arguments -> read.add((String) arguments.get()[0]));
        try (Stream<Path> files = Files.list(Path.of(getClass().getResource("/versions").toURI()))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(read);
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("files")
    void agreesWithEveryLine(String file, String ordering) {
        VersionScheme<?> scheme = scheme(ordering);
        Set<String> rejected = new HashSet<>();
        NOT_VERSIONS.stream().filter(n -> n.files().contains(file) && n.schemes().contains(ordering))
                .forEach(n -> rejected.addAll(n.texts()));
        List<String> wrong = new ArrayList<>();
        for (FixtureLine line : Orderings.fixture(file)) {
            if (rejected.contains(line.left()) || rejected.contains(line.right())) {
                continue;
            }
            int expected = DIFFERS.stream().filter(d -> d.file().equals(file) && d.line().equals(line.text()))
                    .mapToInt(Differs::actually).findFirst().orElse(line.expected());
            String disagreement = disagreement(scheme, line.left(), line.right(), expected);
            BiFunction<String, String, Integer> implementation = IMPLEMENTATIONS.get(ordering);
            if (disagreement == null && implementation != null
                    && implementation.apply(line.left(), line.right()) != expected) {
                disagreement = "its implementation says otherwise";
            }
            if (disagreement != null) {
                wrong.add(file + ":" + line.number() + " " + line.text()
                        + (expected == line.expected() ? "" : " (excepted: " + expected + ")") + ": " + disagreement);
            }
        }
        assertThat(wrong).as("lines of %s that %s orders otherwise", file, ordering).isEmpty();
    }

    @Test
    void everyExceptionIsStillNeeded() {
        Map<String, List<FixtureLine>> fixtures = new HashMap<>();
        for (Differs differs : DIFFERS) {
            List<Integer> expected = fixtures.computeIfAbsent(differs.file(), Orderings::fixture).stream()
                    .filter(line -> line.text().equals(differs.line())).map(FixtureLine::expected).toList();
            assertThat(expected).as("%s in %s (%s)", differs.line(), differs.file(), differs.rule()).hasSize(1)
                    .doesNotContain(differs.actually());
        }
        for (NotVersions notVersions : NOT_VERSIONS) {
            Set<String> spelt = new HashSet<>();
            notVersions.files().forEach(file -> fixtures.computeIfAbsent(file, Orderings::fixture).forEach(line -> {
                spelt.add(line.left());
                spelt.add(line.right());
            }));
            assertThat(spelt).as(notVersions.rule()).containsAll(notVersions.texts());
            for (String ordering : notVersions.schemes()) {
                for (String text : notVersions.texts()) {
                    assertThat(VersionSchemes.tryParse(scheme(ordering), text)).as("%s in %s", text, ordering).isNull();
                }
            }
        }
    }

    private static VersionScheme<?> scheme(String ordering) {
        return ordering.equals("SEMVER") ? VersionSchemes.SEMVER : VersionSchemes.of(ordering);
    }

    /**
     * Null when {@code left} and {@code right} compare as {@code expected} says both ways round, are the
     * {@code same} when equal, and, when equal, do not turn each other away by release key; else what is wrong.
     */
    private static <V extends Comparable<V>> String disagreement(VersionScheme<V> scheme, String left, String right,
            int expected) {
        V a = VersionSchemes.tryParse(scheme, left);
        V b = VersionSchemes.tryParse(scheme, right);
        if (a == null || b == null) {
            return "does not parse";
        }
        int forth = Integer.signum(a.compareTo(b));
        int back = Integer.signum(b.compareTo(a));
        if (forth != expected || back != -expected) {
            return "compares " + forth + " and back " + back;
        }
        if (scheme.same(a, b) != (expected == SAME) || scheme.same(b, a) != (expected == SAME)) {
            return "same() says otherwise";
        }
        for (String text : List.of(left, right)) {
            long plain = scheme.plainReleaseKey(text);
            V parsed = text.equals(left) ? a : b;
            if (plain != VersionScheme.NO_KEYS && plain != scheme.releaseKey(parsed)) {
                return text + " keyed from its text unlike its parse";
            }
        }
        if (expected == SAME && (turnsAway(scheme, a, b) || turnsAway(scheme, b, a))) {
            return "an equal release turned away by its key";
        }
        return null;
    }

    /** Whether a lookup of {@code asked} would end at an entry that lists {@code kept} (see IndexedEntry). */
    private static <V extends Comparable<V>> boolean turnsAway(VersionScheme<V> scheme, V kept, V asked) {
        long keptKey = scheme.equalReleaseKey(kept);
        long key = scheme.releaseKey(asked);
        return keptKey != VersionScheme.NO_KEYS && key >= 0 && key != keptKey;
    }

    private static NotVersions notVersions(String files, String schemes, String rule, String texts) {
        return new NotVersions(Set.of(files.split(" ")), Set.of(schemes.split(" ")), rule, Set.of(texts.split(" ")));
    }
}
