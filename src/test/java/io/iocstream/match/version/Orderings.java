package io.iocstream.match.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Assertions on a scheme's order, shared by the ordering tables. */
final class Orderings {

    private Orderings() {}

    /** Every version in the list sorts strictly before every later one, in both directions of comparison. */
    static <V extends Comparable<V>> void assertAscending(VersionScheme<V> scheme, List<String> versions) {
        for (int i = 0; i < versions.size(); i++) {
            for (int j = i + 1; j < versions.size(); j++) {
                V lower = scheme.parse(versions.get(i));
                V higher = scheme.parse(versions.get(j));
                assertThat(lower.compareTo(higher)).as("%s < %s", versions.get(i), versions.get(j)).isNegative();
                assertThat(higher.compareTo(lower)).as("%s > %s", versions.get(j), versions.get(i)).isPositive();
            }
        }
    }

    static <V extends Comparable<V>> void assertEqual(VersionScheme<V> scheme, String a, String b) {
        assertThat(scheme.parse(a).compareTo(scheme.parse(b))).as("%s == %s", a, b).isZero();
        assertThat(scheme.parse(b).compareTo(scheme.parse(a))).as("%s == %s", b, a).isZero();
    }
}
