package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class ComposerLockParserTest {

    private final ComposerLockParser parser = new ComposerLockParser();

    @Test
    void packagesDevIsTheDevScopeAndEachPackageKeepsItsLine() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, lockfile("composer/composer.lock")))
                .extracting(Dependency::name, Dependency::line, Dependency::scope, Dependency::relationship)
                .contains(tuple("drupal/core", 9, "runtime", null), tuple("drupal/field_time", 298, "dev", null));
    }

    @Test
    void readsPackagesAndPackagesDevButNotNestedVersions() throws Exception {
        // drupal/tfa's "extra" holds a nested "version" of its own; only the package's top-level one counts
        assertThat(parseAll(parser, lockfile("composer/composer.lock"))).containsExactlyInAnyOrder(
                new Dependency("Packagist", "drupal/core", "10.4.5"),
                new Dependency("Packagist", "drupal/tfa", "2.0.0-alpha4"),
                new Dependency("Packagist", "theseer/tokenizer", "1.1.3"),
                new Dependency("Packagist", "drupal/field_time", "1.0.0-beta5"));
    }

    @Test
    void keepsTheTagPrefixAsWrittenAndSkipsBranches() throws Exception {
        // the matcher compares v6.4.5 as 6.4.5 (VersionSpelling); a finding reports what the file says
        String lock = """
                {"packages": [
                   {"name": "symfony/http-kernel", "version": "v6.4.5"},
                   {"name": "acme/upper", "version": "V1.0.0"},
                   {"name": "acme/edge", "version": "dev-main"},
                   {"name": "acme/next", "version": "2.x-dev"},
                   {"name": "acme/vintage", "version": "version-1"}],
                 "packages-dev": []}
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(
                new Dependency("Packagist", "symfony/http-kernel", "v6.4.5"),
                new Dependency("Packagist", "acme/upper", "V1.0.0"),
                new Dependency("Packagist", "acme/vintage", "version-1"));
    }

    @Test
    void handlesComposerLockOutsideVendor() {
        assertThat(parser.handles("web/composer.lock")).isTrue();
        assertThat(parser.handles("composer.json")).isFalse();
        assertThat(parser.handles("vendor/acme/lib/composer.lock")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("composer/composer.lock", 7713));
        assertRejected(parser, lockfile("gradle/gradle.lockfile"));
        assertRejected(parser, utf8("\"packages\""));
    }
}
