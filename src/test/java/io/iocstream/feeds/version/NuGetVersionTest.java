package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.Orderings.assertAscending;
import static io.iocstream.feeds.version.Orderings.assertEqual;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NuGet's ordering: SemVer 2.0.0 with up to four numeric parts and case-insensitive prerelease labels. */
class NuGetVersionTest {

    @Test
    void missingPartsAreZero() {
        assertEqual(VersionSchemes.NUGET, "1.0", "1.0.0");
        assertEqual(VersionSchemes.NUGET, "1.0.0", "1.0.0.0");
        assertEqual(VersionSchemes.NUGET, "1", "1.0.0.0");
    }

    @Test
    void aFourthPartCounts() {
        assertAscending(VersionSchemes.NUGET, List.of("1.0.0", "1.0.0.1", "1.0.0.10", "1.0.1", "1.1"));
    }

    @Test
    void prereleaseLabelsIgnoreCaseAndFollowSemVer2() {
        assertEqual(VersionSchemes.NUGET, "1.0.0-ALPHA", "1.0.0-alpha");
        assertEqual(VersionSchemes.NUGET, "1.0.0-Beta.1", "1.0.0-beta.1");
        assertAscending(VersionSchemes.NUGET, List.of("1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-alpha.10",
                "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "1.0.0.1-alpha", "1.0.0.1"));
    }

    @Test
    void numbersBeyondALongCompareAsNumbers() {
        assertAscending(VersionSchemes.NUGET, List.of("1.9223372036854775807", "1.9223372036854775808-beta",
                "1.9223372036854775808", "1.99999999999999999999.0.1", "99999999999999999999"));
        assertEqual(VersionSchemes.NUGET, "99999999999999999999.0", "99999999999999999999.0.0.0");
    }

    @Test
    void metadataIsIgnored() {
        assertEqual(VersionSchemes.NUGET, "1.0.0+git.abc", "1.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0.0.0.0", "1.0.0-", "a.b", "1.0.0-beta..1", "[1.0.0]"})
    void notVersions(String text) {
        assertThatThrownBy(() -> VersionSchemes.NUGET.parse(text)).isInstanceOf(InvalidVersionException.class);
    }
}
