package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.Orderings.assertAscending;
import static io.iocstream.feeds.version.Orderings.assertEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SemVer 2.0.0 precedence (semver.org section 11) and the npm, crates.io and Go variants. */
class SemVerTest {

    @Test
    void semverOrgsPrecedenceExamples() {
        // section 11.2 and the list in 11.4
        assertAscending(VersionSchemes.CRATES, List.of("1.0.0", "2.0.0", "2.1.0", "2.1.1"));
        assertAscending(VersionSchemes.CRATES, List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"));
    }

    @Test
    void numbersCompareNumericallyAndPrereleasesSortBeforeTheirRelease() {
        assertAscending(VersionSchemes.NPM, List.of("1.2.3-beta.1", "1.2.3", "1.2.4", "1.2.10", "1.10.0"));
        assertAscending(VersionSchemes.NPM, List.of("1.0.0-9", "1.0.0-10", "1.0.0-A", "1.0.0-a"));
    }

    @Test
    void buildMetadataIsIgnored() {
        assertEqual(VersionSchemes.CRATES, "1.0.0+20130313144700", "1.0.0");
        assertEqual(VersionSchemes.CRATES, "1.0.0-beta+exp.sha.5114f85", "1.0.0-beta");
    }

    @Test
    void npmToleratesALeadingVOrEquals() {
        assertEqual(VersionSchemes.NPM, "v1.2.3", "1.2.3");
        assertEqual(VersionSchemes.NPM, "=1.2.3", "1.2.3");
        assertEqual(VersionSchemes.NPM, " =v1.2.3 ", "1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "01.1.0", "1.02.0", "1.2.3-01", "1.2.3-", "1.2.3+", "a.b.c", "v1.2.3",
            "1.2.3.4"})
    void cratesIoIsStrictSemVer(String text) {
        assertThatThrownBy(() -> VersionSchemes.CRATES.parse(text)).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void numbersBeyondALongCompareAsNumbers() {
        for (VersionScheme<SemVer> scheme : List.of(VersionSchemes.NPM, VersionSchemes.CRATES, VersionSchemes.GO,
                VersionSchemes.SEMVER)) {
            assertAscending(scheme, List.of("9223372036854775807.0.0", "9223372036854775808.0.0",
                    "99999999999999999999.0.0", "99999999999999999999.0.1-rc.9223372036854775808",
                    "99999999999999999999.0.1-rc.99999999999999999999", "99999999999999999999.0.1"));
        }
        assertEqual(VersionSchemes.GO, "v99999999999999999999", "v99999999999999999999.0.0");
    }

    @Test
    void goPseudoVersionsOrderAsPrereleases() {
        assertAscending(VersionSchemes.GO, List.of(
                "v0.0.0-20191109021931-daa7c04131f5",
                "v0.0.0-20200101000000-abcdefabcdef",
                "v0.1.0",
                "v1.2.3-pre",
                "v1.2.3-pre.0.20191109021931-daa7c04131f5",
                "v1.2.3",
                "v1.2.4-0.20191109021931-daa7c04131f5",
                "v1.2.4",
                "v2.0.0+incompatible",
                "v2.0.1"));
    }

    @Test
    void goIncompatibleIsBuildMetadataAndShorthandsPad() {
        assertEqual(VersionSchemes.GO, "v2.0.0+incompatible", "v2.0.0");
        assertEqual(VersionSchemes.GO, "v1.2", "v1.2.0");
        assertEqual(VersionSchemes.GO, "v1", "v1.0.0");
        // OSV writes Go range bounds without the v
        assertEqual(VersionSchemes.GO, "1.2.3", "v1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"master", "v1.2.3.4", "v1-pre", "v01.2.3", "latest"})
    void goRejectsWhatIsNotASemanticVersion(String text) {
        assertThatThrownBy(() -> VersionSchemes.GO.parse(text)).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void osvSemverRangesAcceptGoStyleVersions() {
        assertEqual(VersionSchemes.SEMVER, "v1.4.0", "1.4.0");
    }

    /** semver.org's suggested regular expression, which the parser read by hand replaced. */
    private static final Pattern SEMVER_ORG = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?");

    @Test
    void agreesWithSemverOrgsRegularExpressionOnRandomStrings() {
        Random random = new Random(200);
        String alphabet = "0012..--+aZx9";
        int valid = 0;
        for (int n = 0; n < 300_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "1.2.3" : "");
            for (int i = random.nextInt(14); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Matcher m = SEMVER_ORG.matcher(text);
            SemVer parsed = VersionSchemes.tryParse(VersionSchemes.CRATES, text.toString());
            if (!m.matches()) {
                assertThat(parsed).as(text.toString()).isNull();
                continue;
            }
            valid++;
            assertThat(parsed).as(text.toString()).isEqualTo(new SemVer(new BigInteger(m.group(1)),
                    new BigInteger(m.group(2)), new BigInteger(m.group(3)),
                    m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
        }
        assertThat(valid).isGreaterThan(10_000);
    }
}
