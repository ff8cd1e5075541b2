package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class NuGetLockParserTest {

    private final NuGetLockParser parser = new NuGetLockParser();

    @Test
    void theLockfileSaysWhichAreDirectAndWhichTransitive() throws Exception {
        assertThat(Fixtures.parsePlaced(parser, lockfile("nuget/packages.lock.json")))
                .extracting(Dependency::name, Dependency::line, Dependency::relationship)
                .contains(tuple("Core.Dep", 5, "direct"), tuple("Some.Dep.One", 20, "transitive"));
    }

    @Test
    void readsResolvedVersionsNotTheNestedRanges() throws Exception {
        // Core.Dep asks for Some.Dep.Five 4.7.2 and Some.Dep.Three for 4.6.0; only "resolved" counts
        assertThat(parseAll(parser, lockfile("nuget/packages.lock.json"))).containsExactlyInAnyOrder(
                new Dependency("NuGet", "Core.Dep", "1.24.0"),
                new Dependency("NuGet", "Some.Dep.One", "1.1.1"),
                new Dependency("NuGet", "Some.Dep.Two", "4.6.0"),
                new Dependency("NuGet", "Some.Dep.Three", "1.0.2"),
                new Dependency("NuGet", "Some.Dep.Four", "4.5.0"),
                new Dependency("NuGet", "Some.Longer.Name.Dep", "4.7.2"),
                new Dependency("NuGet", "Some.Dep.Five", "4.7.2"),
                new Dependency("NuGet", "Another.Longer.Name.Dep", "4.5.4"));
    }

    @Test
    void skipsProjectReferencesAndRepeatsAcrossFrameworks() throws Exception {
        String lock = """
                {"version": 1, "dependencies": {
                  "net8.0": {
                    "Newtonsoft.Json": {"type": "Direct", "requested": "[13.0.3, )", "resolved": "13.0.3"},
                    "MyCompany.Shared": {"type": "Project", "dependencies": {"Newtonsoft.Json": "[13.0.3, )"}}},
                  "net48": {
                    "Newtonsoft.Json": {"type": "Direct", "requested": "[13.0.3, )", "resolved": "13.0.3"}}}}
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(new Dependency("NuGet", "Newtonsoft.Json", "13.0.3"));
    }

    @Test
    void handlesPackagesLockJsonOnly() {
        assertThat(parser.handles("src/App/packages.lock.json")).isTrue();
        assertThat(parser.handles("package-lock.json")).isFalse();
    }

    @Test
    void rejectsBadInput() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, truncated("nuget/packages.lock.json", 818));
        assertRejected(parser, lockfile("composer/composer.lock"));
        assertRejected(parser, lockfile("cargo/Cargo.lock"));
    }
}
