package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.RangeEvent.fixed;
import static io.iocstream.feeds.version.RangeEvent.introduced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Versions written to hurt the parsers (issue 12's poison pill): thousands of segments, a megabyte, hundreds of
 * nested Maven sub-lists. Beyond {@link VersionSchemes#MAX_LENGTH} a string is not a version of any scheme, so
 * that it matches only an equal listed string; up to it, the worst forms parse and compare. Everything runs on a
 * thread with a quarter of a task thread's default stack.
 */
class PathologicalVersionsTest {

    private static final long SMALL_STACK = 256 * 1024;

    /** Per ecosystem, the form that made its parser or comparison recurse once per segment. */
    static List<Arguments> schemes() {
        return List.of(
                Arguments.of("PyPI", VersionSchemes.PYPI, "1.1.1.", "1.", "a1"),
                Arguments.of("RubyGems", VersionSchemes.RUBYGEMS, "1.1.1.", "1.", "a1"),
                Arguments.of("NuGet", VersionSchemes.NUGET, "1.0.0-", "a.", "a"),
                Arguments.of("Packagist", VersionSchemes.PACKAGIST, "1.0.0-beta", ".1", ""),
                Arguments.of("Maven", VersionSchemes.MAVEN, "1", "-1", ""),
                Arguments.of("npm", VersionSchemes.NPM, "1.0.0-", "a.", "a"),
                Arguments.of("crates.io", VersionSchemes.CRATES, "1.0.0-", "a.", "a"),
                Arguments.of("Go", VersionSchemes.GO, "v1.0.0-", "a.", "a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void overLongVersionsAreNotVersions(String ecosystem, VersionScheme<?> scheme, String head, String segment,
            String tail) {
        List<String> hostile = List.of(
                head + segment.repeat(10_000) + tail,
                head + segment.repeat(1_000_000 / segment.length()) + tail,
                "1".repeat(1_000_000),
                // one character over the cap, of the form that parses at the cap
                repeatedTo(head, segment, tail, VersionSchemes.MAX_LENGTH + 1));
        onSmallStack(() -> {
            for (String text : hostile) {
                assertNotAVersion(ecosystem, scheme, text);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void theWorstFormsUpToTheCapParseAndCompare(String ecosystem, VersionScheme<?> scheme, String head,
            String segment, String tail) {
        String longest = repeatedTo(head, segment, tail, VersionSchemes.MAX_LENGTH);
        String shorter = repeatedTo(head, segment, tail, VersionSchemes.MAX_LENGTH - 10);
        onSmallStack(() -> assertParsesAndCompares(scheme, longest, shorter));
        assertThat(AffectedVersions.of(ecosystem, Set.of(longest), List.of())
                .includes(new DependencyVersion(longest, scheme))).isTrue();
    }

    private static <V extends Comparable<V>> void assertParsesAndCompares(VersionScheme<V> scheme, String longest,
            String shorter) {
        V a = scheme.parse(longest);
        V b = scheme.parse(shorter);
        assertThat(a.compareTo(scheme.parse(longest))).isZero();
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(scheme.same(a, b)).isEqualTo(a.compareTo(b) == 0);
        // none of the forms is a release, nor the same as one
        assertThat(scheme.releaseKey(a)).isNegative();
        assertThat(scheme.equalReleaseKey(a)).isNegative();
    }

    private static void assertNotAVersion(String ecosystem, VersionScheme<?> scheme, String text) {
        String what = ecosystem + " version of " + text.length() + " characters";
        assertThatThrownBy(() -> scheme.parse(text)).as(what).isInstanceOf(InvalidVersionException.class)
                // the reason is one short line, whatever the version's length
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("\n"));
        assertThat(VersionSchemes.tryParse(scheme, text)).as(what).isNull();
        assertThat(new DependencyVersion(text, scheme).releaseKey()).as(what).isEqualTo(VersionScheme.NOT_RELEASE);
        assertThat(scheme.plainReleaseKey(text)).as(what).isEqualTo(VersionScheme.NO_KEYS);

        // listed, it matches only itself; as a dependency's version, it is in no range and equals no listed version
        assertThat(AffectedVersions.of(ecosystem, Set.of(text), List.of())
                .includes(new DependencyVersion(text, scheme))).as(what).isTrue();
        assertThat(AffectedVersions.of(ecosystem, Set.of(text), List.of())
                .includes(new DependencyVersion("1.0.0", scheme))).as(what).isFalse();
        List<VersionRange> ranges = List.of(ecosystemRange(introduced("1.0.0"), fixed("2.0.0")),
                new VersionRange(VersionRange.Type.SEMVER, List.of(introduced("1.0.0"), fixed("2.0.0"))));
        assertThat(AffectedVersions.of(ecosystem, Set.of("1.0.0"), ranges)
                .includes(new DependencyVersion(text, scheme))).as(what).isFalse();
        assertThat(ranges.get(0).includes(ecosystem, text)).as(what).isFalse();
        assertThat(ranges.get(1).includes(ecosystem, text)).as(what).isFalse();

        // as a range's bound, it makes the range claim nothing
        VersionRange bounded = ecosystemRange(introduced("1.0.0"), fixed(text));
        assertThat(bounded.includes(ecosystem, "1.0.1")).as(what).isFalse();
        assertThat(AffectedVersions.of(ecosystem, Set.of(), List.of(bounded))
                .includes(new DependencyVersion("1.0.1", scheme))).as(what).isFalse();
    }

    private static VersionRange ecosystemRange(RangeEvent... events) {
        return new VersionRange(VersionRange.Type.ECOSYSTEM, List.of(events));
    }

    /** {@code head}, then {@code segment} as often as fits, then {@code tail}, padded with digits to {@code length}. */
    private static String repeatedTo(String head, String segment, String tail, int length) {
        StringBuilder text = new StringBuilder(head);
        while (text.length() + segment.length() + tail.length() <= length) {
            text.append(segment);
        }
        // pad inside the last segment, where a digit keeps the form
        int pad = length - text.length() - tail.length();
        text.insert(text.length() - (segment.endsWith(".") ? 1 : 0), "1".repeat(pad));
        return text.append(tail).toString();
    }

    private static void onSmallStack(Runnable check) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                check.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", SMALL_STACK);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() instanceof Error error) {
            throw error;
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
