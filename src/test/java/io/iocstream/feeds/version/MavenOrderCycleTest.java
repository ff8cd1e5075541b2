package io.iocstream.feeds.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/**
 * Why {@link VersionOrderPropertyTest} does not claim transitivity for Maven: Maven's own order
 * ({@link ComparableVersion}, maven-artifact 3.9.9), which {@link MavenVersion} follows exactly so that findings
 * agree with what Maven resolves, has cycles among versions mixing dotted words and numbers. Both cycles were found
 * by the property test; if Maven or {@link MavenVersion} ever changes here, this test says so.
 */
class MavenOrderCycleTest {

    @Test
    void aDottedQualifierMakesACycle() {
        assertCycle("3.1", "3.1.p.1.1", "3.1.b2");
    }

    @Test
    void aLeadingWordMakesACycle() {
        assertCycle("0.0.SNAPSHOT2", "0", "v0.1.rc");
    }

    /** {@code a < b < c < a} in Maven's order and in {@link MavenVersion}'s. */
    private static void assertCycle(String a, String b, String c) {
        String[][] pairs = {{a, b}, {b, c}, {c, a}};
        for (String[] pair : pairs) {
            assertThat(new ComparableVersion(pair[0]).compareTo(new ComparableVersion(pair[1])))
                    .as("Maven: %s < %s", pair[0], pair[1]).isNegative();
            assertThat(MavenVersion.parse(pair[0]).compareTo(MavenVersion.parse(pair[1])))
                    .as("MavenVersion: %s < %s", pair[0], pair[1]).isNegative();
        }
    }
}
