package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.RangeEvent.fixed;
import static io.iocstream.feeds.version.RangeEvent.introduced;
import static io.iocstream.feeds.version.RangeEvent.lastAffected;
import static io.iocstream.feeds.version.RangeEvent.limit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OSV range evaluation as the schema's pseudocode and examples define it. */
class VersionRangeTest {

    private static VersionRange semver(RangeEvent... events) {
        return new VersionRange(VersionRange.Type.SEMVER, List.of(events));
    }

    private static VersionRange ecosystem(RangeEvent... events) {
        return new VersionRange(VersionRange.Type.ECOSYSTEM, List.of(events));
    }

    @Test
    void theSchemasUnfixedExampleCoversEverythingEvenUnparseableVersions() {
        VersionRange all = semver(introduced("0"));
        assertThat(all.coversEverything()).isTrue();
        assertThat(all.includes("npm", "0.0.1")).isTrue();
        assertThat(all.includes("npm", "not-a-version")).isTrue();
        assertThat(semver(introduced("0"), limit("*")).coversEverything()).isTrue();
        assertThat(semver(introduced("0"), fixed("1.0.2")).coversEverything()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        // the schema's "fixed vulnerability" example: everything before 1.0.2
        "0.0.1, true", "1.0.1, true", "1.0.2-rc.1, true", "1.0.2, false", "1.0.3, false",
    })
    void theSchemasFixedExample(String version, boolean affected) {
        assertThat(semver(introduced("0"), fixed("1.0.2")).includes("npm", version)).isEqualTo(affected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        // the schema's multiple range example: [1.0.0, 1.0.2) and [3.0.0, 3.2.5)
        "0.9.9, false", "1.0.0-beta.1, false", "1.0.0, true", "1.0.1, true", "1.0.2, false", "2.9.9, false",
        "3.0.0, true", "3.2.4, true", "3.2.5-beta.1, true", "3.2.5, false", "4.0.0, false",
    })
    void theSchemasMultipleRangeExampleInAnyEventOrder(String version, boolean affected) {
        assertThat(semver(introduced("1.0.0"), fixed("1.0.2"), introduced("3.0.0"), fixed("3.2.5"))
                .includes("npm", version)).isEqualTo(affected);
        // events need not be sorted in the feed: they are sorted by the range's ordering
        assertThat(semver(fixed("3.2.5"), introduced("3.0.0"), fixed("1.0.2"), introduced("1.0.0"))
                .includes("npm", version)).isEqualTo(affected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"4.1.0, false", "4.1.1, true", "4.1.2, true", "4.1.3-beta.1, false", "4.1.3, false"})
    void lastAffectedIsInclusive(String version, boolean affected) {
        assertThat(semver(introduced("4.1.1"), lastAffected("4.1.2")).includes("npm", version))
                .isEqualTo(affected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"0.9.0, false", "1.0.0, true", "1.4.9, true", "1.5.0, false", "2.0.0, false"})
    void aLimitBoundsTheRange(String version, boolean affected) {
        assertThat(semver(introduced("1.0.0"), limit("1.5.0")).includes("npm", version)).isEqualTo(affected);
        // of several limits, being below any one is enough
        assertThat(semver(introduced("1.0.0"), limit("1.5.0"), limit("1.2.0")).includes("npm", version))
                .isEqualTo(affected);
    }

    @Test
    void adjacentIntervalsIncludeTheVersionWhereTheyMeet() {
        VersionRange range = semver(introduced("1.0.0"), fixed("2.0.0"), introduced("2.0.0"), fixed("3.0.0"));
        assertThat(range.includes("npm", "2.0.0")).isTrue();
        assertThat(range.includes("npm", "3.0.0")).isFalse();
    }

    @Test
    void ecosystemRangesUseTheEcosystemsOrdering() {
        VersionRange pypi = ecosystem(introduced("1.0"), fixed("1.2"));
        assertThat(pypi.includes("PyPI", "1.0.0")).isTrue();
        assertThat(pypi.includes("PyPI", "1.2rc1")).isTrue();
        assertThat(pypi.includes("PyPI", "1.2.0")).isFalse();
        assertThat(pypi.includes("PyPI", "1.1.post1")).isTrue();
        // Maven: 1.2-SNAPSHOT is before 1.2, so still affected
        VersionRange maven = ecosystem(introduced("1.0"), fixed("1.2"));
        assertThat(maven.includes("Maven", "1.2-SNAPSHOT")).isTrue();
        assertThat(maven.includes("Maven", "1.2.0")).isFalse();
        // SemVer would not parse 1.0 at all: the ecosystem's ordering decides
        assertThat(semver(introduced("1.0"), fixed("1.2")).includes("PyPI", "1.1")).isFalse();
    }

    @Test
    void goSemverRangesMatchVersionsWithTheirV() {
        VersionRange range = semver(introduced("0"), fixed("1.2.4"));
        assertThat(range.includes("Go", "v1.2.3")).isTrue();
        assertThat(range.includes("Go", "v1.2.4-0.20191109021931-daa7c04131f5")).isTrue();
        assertThat(range.includes("Go", "v1.2.4")).isFalse();
    }

    @Test
    void whatCannotBeOrderedIsOutsideARangeAndNeverThrows() {
        VersionRange range = ecosystem(introduced("1.0.0"), fixed("2.0.0"));
        assertThat(range.includes("npm", "latest")).isFalse();
        assertThat(range.includes("npm", "")).isFalse();
        assertThat(range.includes("npm", null)).isFalse();
        assertThat(range.includes("Packagist", "dev-main")).isFalse();
        // an ecosystem without an ordering here
        assertThat(range.includes("Hackage", "1.5.0")).isFalse();
        // a bound that does not parse: the range claims nothing
        assertThat(ecosystem(introduced("1.0.0"), fixed("garbage")).includes("npm", "1.5.0")).isFalse();
    }

    @Test
    void aRangeWithoutIntroducedAffectsNothing() {
        assertThat(semver(fixed("1.0.0")).includes("npm", "0.5.0")).isFalse();
    }
}
