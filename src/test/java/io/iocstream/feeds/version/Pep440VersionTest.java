package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.Orderings.assertAscending;
import static io.iocstream.feeds.version.Orderings.assertEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 440 ordering and normalisation, on the PEP's own examples. */
class Pep440VersionTest {

    @Test
    void thePepsSummaryOfPermittedSuffixesAndRelativeOrdering() {
        assertAscending(VersionSchemes.PYPI, List.of(
                "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
                "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
                "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"));
    }

    @Test
    void epochsOutrankReleases() {
        assertAscending(VersionSchemes.PYPI, List.of("2013.10", "2014.04", "1!1.0", "1!1.1", "2!0.1"));
    }

    @Test
    void trailingZerosDoNotCount() {
        assertEqual(VersionSchemes.PYPI, "1.0", "1.0.0");
        assertEqual(VersionSchemes.PYPI, "1", "1.0.0.0");
        assertEqual(VersionSchemes.PYPI, "1.0rc1", "1.0.0rc1");
        assertThat(Pep440Version.parse("1.0")).isEqualTo(Pep440Version.parse("1.0.0"))
                .hasSameHashCodeAs(Pep440Version.parse("1.0.0"));
    }

    @Test
    void adjacentVersionsAreApart() {
        assertAscending(VersionSchemes.PYPI, List.of("1.82.6", "1.82.7rc1", "1.82.7", "1.82.7.post1", "1.82.8"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // the PEP's normalisation section, case by case
        "1.1RC1, 1.1rc1",
        "1.1.a1, 1.1a1",
        "1.1-a1, 1.1a1",
        "1.1_a1, 1.1a1",
        "1.1alpha1, 1.1a1",
        "1.1beta2, 1.1b2",
        "1.1c3, 1.1rc3",
        "1.1pre4, 1.1rc4",
        "1.1preview5, 1.1rc5",
        "1.2a, 1.2a0",
        "1.2-post2, 1.2.post2",
        "1.2post2, 1.2.post2",
        "1.2.post-2, 1.2.post2",
        "1.0-r4, 1.0.post4",
        "1.0-rev4, 1.0.post4",
        "1.2.post, 1.2.post0",
        "1.0-1, 1.0.post1",
        "1.2-dev2, 1.2.dev2",
        "1.2dev2, 1.2.dev2",
        "1.2.dev, 1.2.dev0",
        "1.0+ubuntu-1, 1.0+ubuntu.1",
        "1.0+ubuntu_1, 1.0+ubuntu.1",
        "v1.0, 1.0",
        "' 1.0 ', 1.0",
        "00, 0",
        "09000, 9000",
        "1.0.02, 1.0.2",
        "1!1.0, 1!1.0",
        "0!1.0, 1.0",
        "1.0a1.post2.dev3+Local.7, 1.0a1.post2.dev3+local.7",
    })
    void normalisedForms(String written, String normalised) {
        assertThat(Pep440Version.parse(written)).hasToString(normalised);
        assertEqual(VersionSchemes.PYPI, written, normalised);
    }

    @Test
    void numbersBeyondALongCompareAsNumbers() {
        // packaging reads every number with Python's int, which has no bound
        assertAscending(VersionSchemes.PYPI, List.of("1.9223372036854775807", "1.9223372036854775808.dev0",
                "1.9223372036854775808a99999999999999999999", "1.9223372036854775808",
                "1.9223372036854775808.post99999999999999999999", "99999999999999999999!0.1"));
        assertEqual(VersionSchemes.PYPI, "1.0099999999999999999999", "1.99999999999999999999.0");
        assertEqual(VersionSchemes.PYPI, "1.0+0099999999999999999999", "1.0+99999999999999999999");
    }

    @Test
    void localLabelsOrderNumericAfterAlphanumericAndLongerAfterShorter() {
        assertAscending(VersionSchemes.PYPI, List.of("1.0", "1.0+abc", "1.0+abc.1", "1.0+abd", "1.0+1", "1.0+2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "french toast", "1.0+", "1.0+ubuntu..1", "1.0.", "==1.0", "1.0a1a2", "1,0", "git+x"})
    void notVersions(String text) {
        assertThatThrownBy(() -> VersionSchemes.PYPI.parse(text)).isInstanceOf(InvalidVersionException.class);
    }
}
