package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.Orderings.assertAscending;
import static io.iocstream.feeds.version.Orderings.assertEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/**
 * The Maven scheme, on the qualifier order Maven documents, and against Maven's own {@code ComparableVersion} on
 * random versions: {@link MavenVersion} compares plain versions as numbers, and must agree everywhere.
 */
class MavenVersionTest {

    @Test
    void qualifierOrder() {
        assertAscending(VersionSchemes.MAVEN, List.of("1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot",
                "1", "1-sp", "1.1"));
    }

    @Test
    void aliasesAndTrailingZeros() {
        assertEqual(VersionSchemes.MAVEN, "1", "1.0");
        assertEqual(VersionSchemes.MAVEN, "1.0.0", "1");
        assertEqual(VersionSchemes.MAVEN, "1-ga", "1");
        assertEqual(VersionSchemes.MAVEN, "1-final", "1");
        assertEqual(VersionSchemes.MAVEN, "1-cr", "1-rc");
        assertEqual(VersionSchemes.MAVEN, "1-a1", "1-alpha-1");
    }

    @Test
    void adjacentReleases() {
        assertAscending(VersionSchemes.MAVEN, List.of("2.17.0", "2.17.1-SNAPSHOT", "2.17.1", "2.17.2", "2.18.0"));
    }

    @Test
    void otherFormsEqualToAPlainVersion() {
        for (String[] pair : new String[][] {{"1.0-final", "1"}, {"1.0.RELEASE", "1.0"}, {"1-0-ga", "1"},
                {"1.2.3.final.0", "1.2.3"}, {"1.2.", "1.2"}, {"1..2", "1.0.2"}, {"0-ga", "0"}, {"01.02", "1.2"},
                {"0000000001", "1"}, {"4.1.100.Final", "4.1.100"}}) {
            assertSameAsMaven(pair[0], pair[1]);
            assertThat(VersionSchemes.MAVEN.same(VersionSchemes.MAVEN.parse(pair[0]),
                    VersionSchemes.MAVEN.parse(pair[1]))).as("%s == %s", pair[0], pair[1]).isTrue();
        }
        // Maven keeps an all-zero part of 10 digits or more as a long item 0, above every int item (from review)
        for (String[] pair : new String[][] {{"1.0.1", "1.0000000000.1"}, {"0000000000.1", "1"},
                {"0.1", "0000000000.1"}, {"1.1", "1.0000000000.1"}, {"1.0.1", "1.00000000000000000.1"},
                {"1.0000000000.1-ga", "1.0000000000.1"}, {"1.0.1-ga", "1.0000000000.1"}, {"1..1", "1.0000000000.1"},
                {"1.0000000000", "1"}, {"1.000000000.1", "1.0.1"}}) {
            assertSameAsMaven(pair[0], pair[1]);
            assertSameAsMaven(pair[1], pair[0]);
        }
        // a sub-list's numbers print first in the canonical form of 0..-10, which is still not 10
        assertSameAsMaven("0..-10", "10");
        assertThat(MavenVersion.parse("0..-10").sameAs(MavenVersion.parse("10"))).isFalse();
    }

    @Test
    void agreesWithComparableVersionOnRandomVersions() {
        Random random = new Random(399);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            texts.add(switch (i % 3) {
                case 0 -> plain(random);
                case 1 -> plain(random) + nullSuffix(random);
                default -> anyForm(random);
            });
        }
        // each version parsed once, as the index holds them, so that what one comparison caches serves the next
        List<MavenVersion> ours = texts.stream().map(MavenVersion::parse).toList();
        List<ComparableVersion> maven = texts.stream().map(text -> new ComparableVersion(text.strip())).toList();
        int same = 0;
        for (int n = 0; n < 400_000; n++) {
            int i = random.nextInt(texts.size());
            // a third of the pairs from neighbouring versions, which often share their numbers
            int j = n % 3 == 0 ? Math.min(texts.size() - 1, i + 1 + random.nextInt(3)) : random.nextInt(texts.size());
            int expected = Integer.signum(maven.get(i).compareTo(maven.get(j)));
            String pair = texts.get(i) + " vs " + texts.get(j);
            assertThat(Integer.signum(ours.get(i).compareTo(ours.get(j)))).as(pair).isEqualTo(expected);
            assertThat(ours.get(i).sameAs(ours.get(j))).as(pair).isEqualTo(expected == 0);
            assertThat(ours.get(j).sameAs(ours.get(i))).as(pair).isEqualTo(expected == 0);
            same += expected == 0 ? 1 : 0;
        }
        // the generator must reach the case that matters: other forms equal to plain ones
        assertThat(same).isGreaterThan(1_000);
    }

    @Test
    void aVersionTooLongForMavensRecursionIsNotAVersion() {
        // hundreds of nested sub-lists overflow ComparableVersion's recursive comparison on a small stack
        String deep = "1" + "-1".repeat(500);
        assertThatThrownBy(() -> VersionSchemes.MAVEN.parse(deep)).isInstanceOf(InvalidVersionException.class);
        AffectedVersions<?> listed = AffectedVersions.of("Maven", Set.of(deep), List.of());
        assertThat(listed.includes(new DependencyVersion(deep, VersionSchemes.MAVEN))).isTrue();
        assertThat(listed.includes(new DependencyVersion(deep + "-1", VersionSchemes.MAVEN))).isFalse();
    }

    @Test
    void aDeepCopyKnowsWhatNoPlainVersionEquals() {
        // Kryo's copy of broadcast state copies the lazily worked-out fields too, arrays included
        MavenVersion snapshot = MavenVersion.parse("1.0-SNAPSHOT");
        assertThat(snapshot.sameAs(MavenVersion.parse("1"))).isFalse();
        MavenVersion copy = TypeInformation.of(MavenVersion.class).createSerializer(new SerializerConfigImpl())
                .copy(snapshot);
        for (String plain : List.of("0", "0.0.0", "1")) {
            assertThat(copy.sameAs(MavenVersion.parse(plain))).as(plain).isFalse();
            assertThat(copy.equalReleaseKey()).isEqualTo(VersionScheme.NOT_RELEASE);
        }
    }

    private static void assertSameAsMaven(String a, String b) {
        int expected = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
        assertThat(Integer.signum(MavenVersion.parse(a).compareTo(MavenVersion.parse(b)))).as("%s vs %s", a, b)
                .isEqualTo(expected);
        assertThat(MavenVersion.parse(a).sameAs(MavenVersion.parse(b))).as("%s == %s", a, b)
                .isEqualTo(expected == 0);
    }

    private static final String[] NUMBERS = {"0", "0", "1", "1", "2", "3", "10", "01", "00", "999999999",
        "1000000000", "0000000001", "123456789012345678", "1234567890123456789", "99999999999999999999",
        "000000000", "0000000000", "00000000000000000", "000000000000000000000"};
    private static final String[] WORDS = {"a", "b", "m", "alpha", "beta", "milestone", "rc", "cr", "snapshot",
        "SNAPSHOT", "ga", "final", "Final", "release", "RELEASE", "sp", "x", "foo", "jre", "android"};
    private static final String[] NULL_SUFFIXES = {".0", "-0", "-ga", ".final", ".Final", "-release", ".RELEASE",
        ".0.0-0", "-", ".", "-0-ga", ".0-final.0", "-0.0"};

    /** Digits and single dots, with few numbers so that equal versions come up. */
    static String plain(Random random) {
        StringBuilder text = new StringBuilder(pick(random, NUMBERS));
        for (int parts = random.nextInt(4); parts > 0; parts--) {
            text.append('.').append(pick(random, NUMBERS));
        }
        return text.toString();
    }

    static String nullSuffix(Random random) {
        StringBuilder text = new StringBuilder();
        for (int parts = 1 + random.nextInt(2); parts > 0; parts--) {
            text.append(pick(random, NULL_SUFFIXES));
        }
        return text.toString();
    }

    /** Numbers and words joined by dots, hyphens or nothing (a word straight after a number is a new item). */
    static String anyForm(Random random) {
        String[] separators = {".", ".", "-", "", ".."};
        StringBuilder text = new StringBuilder();
        for (int parts = 1 + random.nextInt(5); parts > 0; parts--) {
            text.append(text.isEmpty() ? "" : pick(random, separators));
            text.append(random.nextInt(3) == 0 ? pick(random, WORDS) : pick(random, NUMBERS));
        }
        return random.nextInt(4) == 0 ? text + pick(random, separators) : text.toString();
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
