package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Examples from the purl specification's test suite and its per-type definitions. */
class PurlTest {

    @Test
    void mapsEachSupportedTypeToItsOsvEcosystemAndName() {
        assertThat(Purl.toDependency("pkg:npm/%40angular/animation@12.3.1"))
                .contains(new Dependency("npm", "@angular/animation", "12.3.1"));
        assertThat(Purl.toDependency("pkg:npm/foobar@12.3.1")).contains(new Dependency("npm", "foobar", "12.3.1"));
        assertThat(Purl.toDependency("pkg:pypi/django-allauth@12.23"))
                .contains(new Dependency("PyPI", "django-allauth", "12.23"));
        assertThat(Purl.toDependency("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?packaging=sources"))
                .contains(new Dependency("Maven", "org.apache.xmlgraphics:batik-anim", "1.9.1"));
        assertThat(Purl.toDependency("pkg:golang/github.com/gorilla/context@v1.1.1#api"))
                .contains(new Dependency("Go", "github.com/gorilla/context", "v1.1.1"));
        assertThat(Purl.toDependency("pkg:cargo/rand@0.7.2")).contains(new Dependency("crates.io", "rand", "0.7.2"));
        assertThat(Purl.toDependency("pkg:gem/ruby-advisory-db-check@0.12.4?platform=java"))
                .contains(new Dependency("RubyGems", "ruby-advisory-db-check", "0.12.4"));
        assertThat(Purl.toDependency("pkg:composer/laravel/laravel@5.5.0"))
                .contains(new Dependency("Packagist", "laravel/laravel", "5.5.0"));
        assertThat(Purl.toDependency("pkg:nuget/EnterpriseLibrary.Common@6.0.1304"))
                .contains(new Dependency("NuGet", "EnterpriseLibrary.Common", "6.0.1304"));
    }

    @Test
    void acceptsAnUnencodedNpmScopeAndAnUpperCaseScheme() {
        assertThat(Purl.toDependency("pkg:npm/@ctrl/tinycolor@4.1.1"))
                .contains(new Dependency("npm", "@ctrl/tinycolor", "4.1.1"));
        assertThat(Purl.toDependency("PKG:NPM/left-pad@1.3.0")).contains(new Dependency("npm", "left-pad", "1.3.0"));
        assertThat(Purl.toDependency("pkg://npm/left-pad@1.3.0")).contains(new Dependency("npm", "left-pad", "1.3.0"));
    }

    @Test
    void percentDecodesNamesAndVersionsButKeepsPlusSigns() {
        assertThat(Purl.toDependency("pkg:golang/example.com/mod@v1.0.0%2Bincompatible"))
                .contains(new Dependency("Go", "example.com/mod", "v1.0.0+incompatible"));
        assertThat(Purl.toDependency("pkg:cargo/crate@1.0.0+build.5"))
                .contains(new Dependency("crates.io", "crate", "1.0.0+build.5"));
        assertThat(Purl.toDependency("pkg:pypi/caf%C3%A9@1.0")).contains(new Dependency("PyPI", "café", "1.0"));
    }

    @Test
    void givesNothingForUnknownTypesMissingVersionsAndMalformedPurls() {
        assertThat(Purl.toDependency("pkg:github/package-url/purl-spec@244fd47e07d1004")).isEmpty();
        assertThat(Purl.toDependency("pkg:docker/cassandra@latest")).isEmpty();
        assertThat(Purl.toDependency("pkg:npm/@angular/animation")).isEmpty();
        assertThat(Purl.toDependency("pkg:npm/left-pad")).isEmpty();
        assertThat(Purl.toDependency("pkg:maven/batik-anim@1.9.1")).isEmpty();
        assertThat(Purl.toDependency("pkg:npm/bad%zzname@1.0.0")).isEmpty();
        assertThat(Purl.toDependency("pkg:npm/trailing%2@1.0.0")).isEmpty();
        assertThat(Purl.toDependency("npm/left-pad@1.3.0")).isEmpty();
        assertThat(Purl.toDependency("pkg:npm")).isEmpty();
        assertThat(Purl.toDependency("")).isEmpty();
        assertThat(Purl.toDependency(null)).isEmpty();
    }
}
