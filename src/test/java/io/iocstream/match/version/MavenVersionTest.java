package io.iocstream.match.version;

import static io.iocstream.match.version.Orderings.assertAscending;
import static io.iocstream.match.version.Orderings.assertEqual;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Maven's ComparableVersion as the Maven scheme, on the qualifier order Maven documents. */
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
}
