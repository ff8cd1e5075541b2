package io.iocstream.feeds.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.HostileInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of every version scheme on generated versions: parsing any string ends in a version or an
 * {@link InvalidVersionException}; the order is total (reflexive, antisymmetric, transitive); {@code same} agrees
 * with {@code compareTo == 0}; equal releases have equal release keys, and the unparsed release key agrees with the
 * parsed one. Generated versions are mixed with those of the scheme's fixture file, so the generated ones are
 * ordered consistently with the pairs {@link VersionFixturesTest} checks. The seed and the deep run: see
 * {@link HostileInput}.
 */
class VersionOrderPropertyTest {

    /** Small number ranges and few words so that equal and near-equal versions (1.0 and 1.0.0) come up often. */
    private static final String[] WORDS = {"alpha", "beta", "rc", "a", "b", "c", "dev", "post", "pre", "SNAPSHOT",
        "final", "ga", "sp", "patch", "p", "pl", "RC", "Final", "x", "preview", "M"};
    private static final String[] SEPARATORS = {".", ".", ".", "-", "+", "_", "~", ""};
    private static final int POOL = 20;

    /**
     * @param transitive false for Maven only: its own order ({@code ComparableVersion}, which the project follows
     *     exactly) has cycles, pinned in {@link MavenOrderCycleTest}
     */
    record Scheme(String name, VersionScheme<?> scheme, String fixture, boolean transitive) {
        Scheme(String name, VersionScheme<?> scheme, String fixture) {
            this(name, scheme, fixture, true);
        }
    }

    static List<Scheme> schemes() {
        return List.of(new Scheme("SEMVER", VersionSchemes.SEMVER, "semver-versions.txt"),
                new Scheme("npm", VersionSchemes.NPM, "semver-versions.txt"),
                new Scheme("crates.io", VersionSchemes.CRATES, "semver-versions.txt"),
                new Scheme("Go", VersionSchemes.GO, null),
                new Scheme("PyPI", VersionSchemes.PYPI, "pypi-versions.txt"),
                new Scheme("RubyGems", VersionSchemes.RUBYGEMS, "rubygems-versions.txt"),
                new Scheme("Packagist", VersionSchemes.PACKAGIST, "packagist-versions.txt"),
                new Scheme("NuGet", VersionSchemes.NUGET, "nuget-versions.txt"),
                new Scheme("Maven", VersionSchemes.MAVEN, "maven-versions.txt", false));
    }

    @TestFactory
    Stream<DynamicTest> orderIsTotalOnGeneratedVersions() {
        return schemes().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
    }

    private static void check(Scheme s) {
        List<String> fixtureVersions = s.fixture() == null ? List.of()
                : Orderings.fixture(s.fixture()).stream().flatMap(l -> Stream.of(l.left(), l.right())).toList();
        HostileInput.forAll("versions " + s.name(), random -> {
            List<Parsed<?>> pool = new ArrayList<>();
            while (pool.size() < POOL) {
                String text = random.nextInt(4) == 0 && !fixtureVersions.isEmpty()
                        ? fixtureVersions.get(random.nextInt(fixtureVersions.size()))
                        : generate(random, s.name());
                Parsed<?> parsed = parse(s.scheme(), text);
                if (parsed != null) {
                    pool.add(parsed);
                }
            }
            checkOrder(pool, s.transitive());
            // hostile strings: a version or an InvalidVersionException, nothing else
            parse(s.scheme(), HostileInput.punctuation(random, random.nextInt(300)));
        });
    }

    /** A version and the text it was parsed from, with its scheme's view of it. */
    record Parsed<V extends Comparable<V>>(String text, V version, VersionScheme<V> scheme) {

        int compare(Parsed<?> other) {
            return Integer.signum(version.compareTo(scheme.parse(other.text())));
        }

        boolean same(Parsed<?> other) {
            return scheme.same(version, scheme.parse(other.text()));
        }

        long releaseKey() {
            return scheme.releaseKey(version);
        }
    }

    private static <V extends Comparable<V>> Parsed<V> parse(VersionScheme<V> scheme, String text) {
        try {
            V version = scheme.parse(text);
            long plain = scheme.plainReleaseKey(text);
            if (plain != VersionScheme.NO_KEYS) {
                assertThat(plain).as("plainReleaseKey(%s) = releaseKey(parse(%s))", text, text)
                        .isEqualTo(scheme.releaseKey(version));
            }
            return new Parsed<>(text, version, scheme);
        } catch (InvalidVersionException notAVersion) {
            return null;
        }
    }

    private static void checkOrder(List<Parsed<?>> pool, boolean transitive) {
        int n = pool.size();
        int[][] cmp = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cmp[i][j] = pool.get(i).compare(pool.get(j));
            }
        }
        for (int i = 0; i < n; i++) {
            Parsed<?> a = pool.get(i);
            assertThat(cmp[i][i]).as("%s = %s", a.text(), a.text()).isZero();
            for (int j = 0; j < n; j++) {
                Parsed<?> b = pool.get(j);
                assertThat(cmp[j][i]).as("antisymmetric: %s vs %s", a.text(), b.text()).isEqualTo(-cmp[i][j]);
                assertThat(a.same(b)).as("same(%s, %s) agrees with compareTo", a.text(), b.text())
                        .isEqualTo(cmp[i][j] == 0);
                if (cmp[i][j] == 0 && a.releaseKey() >= 0 && b.releaseKey() >= 0) {
                    assertThat(a.releaseKey()).as("equal releases %s, %s share a key", a.text(), b.text())
                            .isEqualTo(b.releaseKey());
                }
                for (int k = 0; transitive && k < n; k++) {
                    if (cmp[i][j] <= 0 && cmp[j][k] <= 0) {
                        assertThat(cmp[i][k]).as("transitive: %s <= %s <= %s", a.text(), b.text(),
                                pool.get(k).text()).isLessThanOrEqualTo(cmp[i][j] + cmp[j][k] == 0 ? 0 : -1);
                    }
                }
            }
        }
    }

    /** A version-like string: numbers and words joined by the separators versions use, sometimes with a prefix. */
    static String generate(Random random, String scheme) {
        StringBuilder text = new StringBuilder();
        if (scheme.equals("Go") || random.nextInt(10) == 0) {
            text.append('v');
        }
        if (random.nextInt(12) == 0) {
            text.append(random.nextInt(3)).append('!');
        }
        int parts = 1 + random.nextInt(5);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                text.append(SEPARATORS[random.nextInt(p < 3 ? 3 : SEPARATORS.length)]);
            }
            if (p < 2 || random.nextInt(3) > 0) {
                text.append(random.nextInt(10) == 0 ? random.nextInt(100_000) : random.nextInt(4));
            } else {
                text.append(WORDS[random.nextInt(WORDS.length)]);
                if (random.nextBoolean()) {
                    text.append(random.nextInt(3));
                }
            }
        }
        return text.toString();
    }

}
