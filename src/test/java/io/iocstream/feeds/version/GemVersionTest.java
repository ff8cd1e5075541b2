package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.Orderings.assertAscending;
import static io.iocstream.feeds.version.Orderings.assertEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gem::Version's ordering, on the cases of RubyGems' own test_gem_version.rb. */
class GemVersionTest {

    @Test
    void rubygemsSpaceshipCases() {
        assertEqual(VersionSchemes.RUBYGEMS, "1.0", "1.0.0");
        assertAscending(VersionSchemes.RUBYGEMS, List.of("1.0.a", "1.0"));
        assertAscending(VersionSchemes.RUBYGEMS, List.of("0.0.0", "1.8.2"));
        assertAscending(VersionSchemes.RUBYGEMS, List.of("1.8.2.a", "1.8.2.b", "1.8.2"));
        assertAscending(VersionSchemes.RUBYGEMS, List.of("1.8.2.a9", "1.8.2.a10"));
        assertEqual(VersionSchemes.RUBYGEMS, "0.beta.1", "0.0.beta.1");
        assertAscending(VersionSchemes.RUBYGEMS, List.of("0.0.beta", "0.0.beta.1"));
        assertAscending(VersionSchemes.RUBYGEMS, List.of("0.0.beta", "0.beta.1"));
        assertAscending(VersionSchemes.RUBYGEMS, List.of("5.a", "5.0.0.rc2", "5.x"));
    }

    @Test
    void numbersBeyondALongCompareAsNumbers() {
        // Ruby's integers have no bound
        assertAscending(VersionSchemes.RUBYGEMS, List.of("9223372036854775807", "9223372036854775808.a",
                "9223372036854775808", "99999999999999999999.0.1"));
        assertEqual(VersionSchemes.RUBYGEMS, "99999999999999999999.0", "99999999999999999999");
    }

    @Test
    void aDashReadsAsPre() {
        assertEqual(VersionSchemes.RUBYGEMS, "1.0.0-rc1", "1.0.0.pre.rc1");
        assertThat(GemVersion.parse("1.0.0-rc1").isPrerelease()).isTrue();
        assertThat(GemVersion.parse("1.0.0").isPrerelease()).isFalse();
    }

    @Test
    void railsReleasesInOrder() {
        assertAscending(VersionSchemes.RUBYGEMS, List.of("6.1.7.9", "6.1.7.10", "7.0.0.alpha1", "7.0.0.alpha2",
                "7.0.0.rc1", "7.0.0", "7.0.8.1", "7.1.0.beta1", "7.1.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "junk", "1.0\n2.0", "1..2", "1.0 2.0", "-1", ">= 1.0"})
    void notVersions(String text) {
        assertThatThrownBy(() -> VersionSchemes.RUBYGEMS.parse(text)).isInstanceOf(InvalidVersionException.class);
    }
}
