package io.iocstream.match.version;

import static org.assertj.core.api.Assertions.assertThat;

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
}
