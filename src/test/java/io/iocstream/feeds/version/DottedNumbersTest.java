package io.iocstream.feeds.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-form fast path reads only what every full grammar reads the same way, and leaves the rest to it. */
class DottedNumbersTest {

    @Test
    void readsDigitsBetweenSingleDots() {
        assertThat(DottedNumbers.parse("1.22.333", true)).containsExactly(1, 22, 333);
        assertThat(DottedNumbers.parse("7", true)).containsExactly(7);
        assertThat(DottedNumbers.parse("0.0.0", true)).containsExactly(0, 0, 0);
        assertThat(DottedNumbers.parse("01.2", false)).containsExactly(1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.", ".1", "1..2", "1.2a", "v1.2.3", " 1.2", "1.2-rc", "1.2+build",
            "1234567890123456789.0"})
    void leavesEverythingElseToTheFullGrammar(String text) {
        assertThat(DottedNumbers.parse(text, false)).isNull();
    }

    @Test
    void leadingZerosAreLeftToSemVersGrammarWhichRejectsThem() {
        assertThat(DottedNumbers.parse("1.02.3", true)).isNull();
        assertThat(VersionSchemes.tryParse(VersionSchemes.CRATES, "1.02.3")).isNull();
        assertThat(VersionSchemes.tryParse(VersionSchemes.GO, "v01")).isNull();
    }

    @Test
    void agreesWithARegularExpressionOnRandomStrings() {
        Random random = new Random(1234);
        String alphabet = "0123456789..a-";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (boolean noLeadingZeros : new boolean[] {false, true}) {
                assertThat(DottedNumbers.parse(text.toString(), noLeadingZeros)).as("%s %s", text, noLeadingZeros)
                        .isEqualTo(reference(text.toString(), noLeadingZeros));
            }
        }
        assertThat(DottedNumbers.parse("1.2.3.4.5.6.7.8.9", true)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    private static long[] reference(String text, boolean noLeadingZeros) {
        if (!text.matches("\\d{1,18}(\\.\\d{1,18})*")
                || (noLeadingZeros && Pattern.compile("(^|\\.)0\\d").matcher(text).find())) {
            return null;
        }
        return Arrays.stream(text.split("\\.")).mapToLong(Long::parseLong).toArray();
    }
}
