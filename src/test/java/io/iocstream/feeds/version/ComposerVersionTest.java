package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.Orderings.assertAscending;
import static io.iocstream.feeds.version.Orderings.assertEqual;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Composer's normalisation and stability order (-dev < alpha < beta < RC < stable < patch). */
class ComposerVersionTest {

    @Test
    void stabilityOrder() {
        assertAscending(VersionSchemes.PACKAGIST, List.of("1.0.0-dev", "1.0.0-alpha1", "1.0.0-beta1",
                "1.0.0-beta2-dev", "1.0.0-beta2", "1.0.0-RC1", "1.0.0-RC2", "1.0.0", "1.0.0-patch1", "1.0.0-pl2",
                "1.0.1"));
    }

    @Test
    void normalisedFormsAreEqual() {
        assertEqual(VersionSchemes.PACKAGIST, "v1.0.0", "1.0.0");
        assertEqual(VersionSchemes.PACKAGIST, "1.0", "1.0.0.0");
        assertEqual(VersionSchemes.PACKAGIST, "1.0.0-b1", "1.0.0-beta1");
        assertEqual(VersionSchemes.PACKAGIST, "1.0.0-a2", "1.0.0-ALPHA2");
        assertEqual(VersionSchemes.PACKAGIST, "1.0.0rc1", "1.0.0-RC1");
        assertEqual(VersionSchemes.PACKAGIST, "1.0.0-p1", "1.0.0-patch1");
        assertEqual(VersionSchemes.PACKAGIST, "1.0.0-stable", "1.0.0");
        assertEqual(VersionSchemes.PACKAGIST, "1.0.0+build.7", "1.0.0");
    }

    @Test
    void fourNumericPartsCount() {
        assertAscending(VersionSchemes.PACKAGIST, List.of("1.2.3", "1.2.3.1", "1.2.4", "10.0.0"));
    }

    @Test
    void numbersBeyondALongCompareAsNumbers() {
        assertAscending(VersionSchemes.PACKAGIST, List.of("1.9223372036854775807", "1.9223372036854775808-beta9",
                "1.9223372036854775808-beta99999999999999999999", "1.9223372036854775808", "99999999999999999999"));
    }

    @Test
    void branchVersionsSortAboveTheirReleases() {
        assertAscending(VersionSchemes.PACKAGIST, List.of("1.5.0", "1.x-dev", "2.0.0"));
        assertEqual(VersionSchemes.PACKAGIST, "1.x-dev", "1.9999999.9999999.9999999-dev");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dev-master", "dev-feature/x", "1.0.0.0.0", "1.0.0-gamma", "latest"})
    void notOrderable(String text) {
        assertThatThrownBy(() -> VersionSchemes.PACKAGIST.parse(text)).isInstanceOf(InvalidVersionException.class);
    }
}
