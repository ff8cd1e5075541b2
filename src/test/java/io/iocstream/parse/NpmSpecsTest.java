package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Versions from the SemVer 2.0.0 specification's examples; the random ones from its characters. */
class NpmSpecsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
        "1.0.0-alpha+001", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0+21AF26D3----117B344092BD"})
    void exactVersions(String version) {
        assertThat(NpmSpecs.isExactVersion(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.", ".1.2", "1..2.3", "^1.2.3", "~1.2.3", ">=1.2.3", "1.2.x",
        "1.2.3-", "1.2.3+", "1.2.3-+b", "1.2.3 ", "v1.2.3", "latest", "1.2.3 - 2.0.0", "1.2.3||2.0.0", "1.2.3-a_b"})
    void notExactVersions(String version) {
        assertThat(NpmSpecs.isExactVersion(version)).isFalse();
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomVersions() {
        Pattern reference = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");
        String[] pieces = {"0", "1", "42", ".", "-", "+", "a", "Z", "_", " ", "^", "x", "\u0663"};
        Random random = new Random(2);
        int exact = 0;
        for (int i = 0; i < 200_000; i++) {
            // half start from a valid core, so that the pre-release and build parts are reached often
            StringBuilder version = new StringBuilder(random.nextBoolean() ? "1.2.3" : "");
            for (int n = random.nextInt(8); n >= 0; n--) {
                version.append(pieces[random.nextInt(pieces.length)]);
            }
            boolean expected = reference.matcher(version).matches();
            assertThat(NpmSpecs.isExactVersion(version.toString())).as(version.toString()).isEqualTo(expected);
            exact += expected ? 1 : 0;
        }
        assertThat(exact).isGreaterThan(500);
    }
}
