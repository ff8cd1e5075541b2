package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.core.DeadLetter;
import io.iocstream.feeds.version.RangeEvent;
import io.iocstream.feeds.version.VersionRange;
import io.iocstream.match.IocIndex;
import io.iocstream.parse.Dependency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real OSV entries of ossf/malicious-packages (ioc/osv, see SOURCES.tsv) read into an index and matched. */
class OsvFeedReaderTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static FeedDirectory.Result feed;
    static IocIndex index;

    @BeforeAll
    static void readRealFeed() throws Exception {
        feed = FeedDirectory.read(Path.of("src/test/resources/ioc/osv"));
        index = new IocIndex();
        feed.packages().forEach(index::add);
    }

    @Test
    void aRealEntryCarriesItsSummaryAliasesAndFeedFile() {
        IocEntry chalk = feed.packages().stream().filter(e -> e.id().equals("MAL-2025-46969")).findFirst().orElseThrow();
        assertThat(chalk.advisory()).isEqualTo(
                new Advisory("Malicious code in chalk (npm)", List.of("GHSA-2v46-p5h4-248w"), List.of()));
        assertThat(chalk.feed()).isEqualTo("malicious/npm/chalk/MAL-2025-46969.json");
        IocEntry litellm = feed.packages().stream().filter(e -> e.id().equals("MAL-2026-2144")).findFirst().orElseThrow();
        assertThat(litellm.advisory().aliases()).containsExactly("PYSEC-2026-2");
        // its C2 hosts are indicators that say the same
        assertThat(feed.indicators()).filteredOn(i -> i.id().equals("MAL-2026-2144"))
                .allSatisfy(i -> assertThat(i.advisory().summary()).isEqualTo("Malicious code in litellm (PyPI)"));
    }

    /** Built: the stored entries keep no references, so this one is written out, as OSV's schema gives them. */
    @Test
    void referencesAreTheirUrlsAndValuesOfAnotherTypeAreLeftOut() throws Exception {
        var osv = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"id": "MAL-X", "summary": 7, "aliases": ["GHSA-1", 2, ""],
                 "references": [{"type": "WEB", "url": "https://example.com/a"}, {"type": "WEB"}, "x"],
                 "affected": []}""");
        assertThat(OsvFeedReader.advisory(osv)).isEqualTo(
                new Advisory(null, List.of("GHSA-1"), List.of("https://example.com/a")));
        assertThat(new Advisory("s".repeat(5000), List.of(), List.of()).summary()).hasSize(Advisory.MAX_SUMMARY);
        // a hostile feed cannot make every finding carry megabytes
        assertThat(new Advisory(null, List.of("x".repeat(Advisory.MAX_ITEM + 1), "GHSA-1"),
                java.util.Collections.nCopies(500, "https://example.com")).aliases()).containsExactly("GHSA-1");
        assertThat(new Advisory(null, List.of(), java.util.Collections.nCopies(500, "https://example.com"))
                .references()).hasSize(Advisory.MAX_ITEMS);
        assertThat(new Advisory("s".repeat(Advisory.MAX_SUMMARY - 1) + "\uD83D\uDE00", List.of(), List.of()).summary())
                .hasSize(Advisory.MAX_SUMMARY - 1);
    }

    @Test
    void everyRealEntryIsRead() {
        assertThat(feed.deadLetters()).isEmpty();
        assertThat(feed.packages()).extracting(IocEntry::id).containsExactlyInAnyOrder(
                "MAL-2025-46969", "MAL-2025-46974", "MAL-2025-47141", "MAL-2026-2144", "MAL-2026-4377");
        assertThat(feed.packages()).filteredOn(IocEntry::withdrawn).extracting(IocEntry::name)
                .containsExactly("@ctrl/plex");
    }

    @Test
    void theC2HostsAnEntryListsBecomeDomainIndicatorsOfItsId() {
        assertThat(feed.indicators()).extracting(Indicator::id, Indicator::kind, Indicator::value).containsExactly(
                org.assertj.core.api.Assertions.tuple("MAL-2026-2144", Indicator.Kind.DOMAIN, "litellm.cloud"),
                org.assertj.core.api.Assertions.tuple("MAL-2026-2144", Indicator.Kind.DOMAIN, "models.litellm.cloud"));
    }

    @Test
    void exactVersionsMatchAndTheirNeighboursDoNot() {
        assertThat(ids(npm("chalk", "5.6.1"))).containsExactly("MAL-2025-46969");
        assertThat(index.matches(npm("chalk", "5.6.0"))).isEmpty();
        assertThat(index.matches(npm("chalk", "5.6.2"))).isEmpty();
        assertThat(ids(npm("debug", "4.4.2"))).containsExactly("MAL-2025-46974");
        assertThat(index.matches(npm("debug", "4.4.1"))).isEmpty();
    }

    @Test
    void introducedZeroMeansEveryVersionEvenBesideANarrowerRange() {
        assertThat(ids(npm("@ctrl/tinycolor", "4.1.1"))).containsExactly("MAL-2025-47141");
        assertThat(ids(npm("@ctrl/tinycolor", "1.0.0"))).containsExactly("MAL-2025-47141");
    }

    @Test
    void theNarrowerRangeBesideIntroducedZeroAddsNothingToEveryVersion() {
        IocEntry tinycolor = entry("MAL-2025-47141");
        assertThat(tinycolor.allVersions()).isTrue();
        assertThat(ids(npm("@ctrl/tinycolor", "4.1.3"))).containsExactly("MAL-2025-47141");
        assertThat(ids(npm("@ctrl/tinycolor", "5.0.0-beta.1"))).containsExactly("MAL-2025-47141");
        assertThat(ids(npm("@ctrl/tinycolor", "not-a-version"))).containsExactly("MAL-2025-47141");
    }

    @Test
    void pypiVersionsMatchUnderPep440Equality() {
        assertThat(entry("MAL-2026-2144").ecosystem()).isEqualTo("PyPI");
        assertThat(ids(new Dependency("PyPI", "litellm", "1.82.7.0"))).containsExactly("MAL-2026-2144");
        assertThat(ids(new Dependency("PyPI", "litellm", "v1.82.8"))).containsExactly("MAL-2026-2144");
        assertThat(index.matches(new Dependency("PyPI", "litellm", "1.82.7rc1"))).isEmpty();
        assertThat(index.matches(new Dependency("PyPI", "litellm", "1.82.7.post1"))).isEmpty();
        assertThat(index.matches(new Dependency("PyPI", "litellm", "1.82.9"))).isEmpty();
    }

    @Test
    void rangesAreReadAndGitRangesLeftOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("MAL-R.json"), """
                {"id": "MAL-R", "affected": [
                  {"package": {"ecosystem": "PyPI", "name": "Some_Pkg"},
                   "ranges": [
                     {"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.2"}]},
                     {"type": "ECOSYSTEM", "events": [{"last_affected": "3.1"}, {"introduced": "3.0"}]},
                     {"type": "GIT", "repo": "https://example.com/x.git",
                      "events": [{"introduced": "0"}]}],
                   "versions": ["0.5"]},
                  {"package": {"ecosystem": "Go", "name": "example.com/mod"},
                   "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.4.0"}, {"limit": "1.6.0"}]}]}]}
                """);

        FeedDirectory.Result read = FeedDirectory.read(dir);
        IocIndex ranged = new IocIndex();
        read.packages().forEach(ranged::add);

        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.packages()).hasSize(2);
        IocEntry pypi = read.packages().get(0);
        assertThat(pypi.allVersions()).as("a GIT range proves nothing about versions").isFalse();
        assertThat(pypi.ranges()).extracting(VersionRange::type)
                .containsExactly(VersionRange.Type.ECOSYSTEM, VersionRange.Type.ECOSYSTEM);
        assertThat(pypi.ranges().get(1).events()).containsExactly(RangeEvent.lastAffected("3.1"),
                RangeEvent.introduced("3.0"));
        assertThat(ranged.matches(new Dependency("PyPI", "some-pkg", "0.5.0"))).hasSize(1);
        assertThat(ranged.matches(new Dependency("PyPI", "some-pkg", "0.6"))).isEmpty();
        assertThat(ranged.matches(new Dependency("PyPI", "some.pkg", "1.1.5"))).hasSize(1);
        assertThat(ranged.matches(new Dependency("PyPI", "some-pkg", "1.2"))).isEmpty();
        assertThat(ranged.matches(new Dependency("PyPI", "some-pkg", "3.1.0"))).hasSize(1);
        assertThat(ranged.matches(new Dependency("PyPI", "some-pkg", "3.1.1"))).isEmpty();
        assertThat(ranged.matches(new Dependency("Go", "example.com/mod", "v1.5.9"))).hasSize(1);
        assertThat(ranged.matches(new Dependency("Go", "example.com/mod", "v1.6.0"))).isEmpty();
        assertThat(ranged.matches(new Dependency("Go", "example.com/mod", "v1.3.9"))).isEmpty();
    }

    @Test
    void withdrawnEntriesNeverMatch() {
        assertThat(index.matches(npm("@ctrl/plex", "6.0.0"))).isEmpty();
    }

    @Test
    void aNameNeverMatchesAcrossEcosystemsAndPyPiNamesAreNormalised() {
        assertThat(index.matches(npm("litellm", "1.82.7"))).isEmpty();
        assertThat(ids(new Dependency("PyPI", "LiteLLM", "1.82.7"))).containsExactly("MAL-2026-2144");
        assertThat(ids(new Dependency("PyPI", "lite_llm", "1.82.8"))).isEmpty();
        assertThat(ids(new Dependency("PyPI", "litellm", "1.82.8"))).containsExactly("MAL-2026-2144");
    }

    @Test
    void aPrefixOrExtensionOfABadNameIsNotTheBadPackage() {
        assertThat(index.matches(npm("chal", "5.6.1"))).isEmpty();
        assertThat(index.matches(npm("chalk-template", "5.6.1"))).isEmpty();
        assertThat(index.matches(npm("@ctrl/tinycolor2", "4.1.1"))).isEmpty();
    }

    @Test
    void anUnreadableEntryIsADeadLetterNotACrash(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("malicious/npm/x"));
        Files.writeString(dir.resolve("malicious/npm/x/MAL-1.json"), "{\"id\": \"MAL-1\", \"affected\": [");
        Files.writeString(dir.resolve("malicious/npm/x/MAL-2.json"), "{\"id\": \"MAL-2\"}");
        Files.copy(Path.of("src/test/resources/ioc/osv/malicious/npm/chalk/MAL-2025-46969.json"),
                dir.resolve("malicious/npm/x/MAL-2025-46969.json"));

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.packages()).extracting(IocEntry::id).containsExactly("MAL-2025-46969");
        assertThat(read.deadLetters()).hasSize(2).allSatisfy(d -> {
            assertThat(d.stage()).isEqualTo("feed");
            assertThat(d.reason()).startsWith("unreadable OSV entry");
        });
    }

    @Test
    void anEntryThatIsNotUtf8IsADeadLetterNamingTheEncodingAndTheLine(@TempDir Path dir) throws Exception {
        // the real chalk entry with its summary's text in Latin-1
        Path real = Path.of("src/test/resources/ioc/osv/malicious/npm/chalk/MAL-2025-46969.json");
        List<String> json = Files.readAllLines(real);
        int summary = json.indexOf(json.stream().filter(l -> l.contains("\"summary\"")).findFirst().orElseThrow());
        json.set(summary, json.get(summary).replaceFirst("\"summary\": \"", "\"summary\": \"\u00e9 "));
        Files.write(dir.resolve("MAL-2025-46969.json"), json, java.nio.charset.StandardCharsets.ISO_8859_1);

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.packages()).isEmpty();
        assertThat(read.deadLetters()).singleElement().satisfies(d -> assertThat(d.reason())
                .startsWith("unreadable OSV entry").contains("UTF-8", "line " + (summary + 1)));
    }

    @Test
    void aFileHoldingAnArrayOfEntriesIsADeadLetterThatSaysSo(@TempDir Path dir) throws Exception {
        String chalk = Files.readString(Path.of("src/test/resources/ioc/osv/malicious/npm/chalk/MAL-2025-46969.json"));
        Files.writeString(dir.resolve("all.json"), "[" + chalk + "]");
        Files.writeString(dir.resolve("text.json"), "\"MAL-2025-46969\"");

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.packages()).isEmpty();
        assertThat(read.deadLetters()).extracting(d -> d.reason()).containsExactly(
                "unreadable OSV entry: a JSON array, not an OSV entry object (one entry a file)",
                "unreadable OSV entry: a JSON string, not an OSV entry object (one entry a file)");
    }

    @Test
    void aBadHostOrAffectedItemIsADeadLetterAndTheRestOfTheEntryStillLoads(@TempDir Path dir) throws Exception {
        ObjectNode litellm = real("malicious/pypi/litellm/MAL-2026-2144.json");
        ((ArrayNode) litellm.at("/database_specific/iocs/domains")).add("not a host!");
        ((ArrayNode) litellm.get("affected")).addObject().putObject("package").put("ecosystem", "PyPI");
        write(dir, "MAL-2026-2144.json", litellm);

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.packages()).extracting(IocEntry::id, IocEntry::name)
                .containsExactly(org.assertj.core.api.Assertions.tuple("MAL-2026-2144", "litellm"));
        assertThat(read.indicators()).extracting(Indicator::value)
                .containsExactly("litellm.cloud", "models.litellm.cloud");
        assertThat(read.deadLetters()).extracting(DeadLetter::origin, DeadLetter::reason).containsExactly(
                org.assertj.core.api.Assertions.tuple(dir.resolve("MAL-2026-2144.json").toString(),
                        "MAL-2026-2144 affected[1]: no package ecosystem and name"),
                org.assertj.core.api.Assertions.tuple(dir.resolve("MAL-2026-2144.json").toString(),
                        "MAL-2026-2144 database_specific.iocs.domains: not a host name or URL: 'not a host!'"));
    }

    /**
     * Built from the real MAL-2026-2144 (whose only URL, {@code https://models.litellm.cloud/}, has no path) with
     * URLs added under {@code database_specific.iocs.urls}: the peer shai-hulud-detect's exfiltration search URL and
     * an IPv6 one in the documentation range.
     */
    @Test
    void aListedUrlWithAPathIsMatchedAsThatUrlNotAsItsWholeHost(@TempDir Path dir) throws Exception {
        ObjectNode litellm = real("malicious/pypi/litellm/MAL-2026-2144.json");
        ((ArrayNode) litellm.at("/database_specific/iocs/urls"))
                .add("https://api.github.com/search/commits?q=firedalazer")
                .add("http://[2001:DB8::0001]:8080/beacon");
        write(dir, "MAL-2026-2144.json", litellm);

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.deadLetters()).isEmpty();
        assertThat(read.indicators()).extracting(Indicator::id, Indicator::kind, Indicator::value).containsExactly(
                org.assertj.core.api.Assertions.tuple("MAL-2026-2144", Indicator.Kind.DOMAIN, "litellm.cloud"),
                org.assertj.core.api.Assertions.tuple("MAL-2026-2144", Indicator.Kind.DOMAIN, "models.litellm.cloud"),
                org.assertj.core.api.Assertions.tuple("MAL-2026-2144", Indicator.Kind.URL,
                        "api.github.com/search/commits?q=firedalazer"),
                org.assertj.core.api.Assertions.tuple("MAL-2026-2144", Indicator.Kind.URL, "2001:db8::1/beacon"));
        IocIndex withUrls = new IocIndex();
        read.indicators().forEach(withUrls::add);
        assertThat(hits(withUrls, "src/gh.js", "fetch('https://api.github.com/repos/acme/web/commits')")).isEmpty();
        assertThat(hits(withUrls, "src/hunt.js", "get('https://api.github.com/search/commits?q=firedalazer&p=2')"))
                .containsExactly("api.github.com/search/commits?q=firedalazer");
        assertThat(hits(withUrls, "src/beacon.py", "u = 'http://[2001:db8:0::1]:8080/beacon'"))
                .containsExactly("2001:db8::1/beacon");
        assertThat(hits(withUrls, "src/other.py", "u = 'http://[2001:db8::1]:8080/status'")).isEmpty();
    }

    private static List<String> hits(IocIndex index, String path, String text) throws Exception {
        var facts = io.iocstream.parse.ParseFunction.facts(path,
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return index.hits(path, facts).stream().map(io.iocstream.match.Hit::indicator).toList();
    }

    @Test
    void aRangeWithABoundThatIsNoVersionIsADeadLetterAndTheOtherRangesAndVersionsStillLoad(@TempDir Path dir)
            throws Exception {
        ObjectNode chalk = real("malicious/npm/chalk/MAL-2025-46969.json");
        ArrayNode ranges = ((ObjectNode) chalk.get("affected").get(0)).putArray("ranges");
        ranges.addObject().put("type", "ECOSYSTEM").putArray("events")
                .add(JSON.createObjectNode().put("introduced", "6.0.0"))
                .add(JSON.createObjectNode().put("fixed", "6.1.0"));
        ranges.addObject().put("type", "ECOSYSTEM").putArray("events")
                .add(JSON.createObjectNode().put("introduced", "0"))
                .add(JSON.createObjectNode().put("fixed", "not!a+version"));
        ranges.addObject().put("type", "SEMVER").putArray("events")
                .add(JSON.createObjectNode().put("introduced", "7.0.0"))
                .add(JSON.createObjectNode().put("fixed", 8));
        ranges.addObject().put("type", "SEMVR").putArray("events")
                .add(JSON.createObjectNode().put("introduced", "9.0.0"));
        write(dir, "MAL-2025-46969.json", chalk);

        FeedDirectory.Result read = FeedDirectory.read(dir);
        IocIndex ranged = new IocIndex();
        read.packages().forEach(ranged::add);

        assertThat(read.packages()).singleElement().satisfies(e -> assertThat(e.ranges()).containsExactly(
                new VersionRange(VersionRange.Type.ECOSYSTEM,
                        List.of(RangeEvent.introduced("6.0.0"), RangeEvent.fixed("6.1.0")))));
        assertThat(ranged.matches(npm("chalk", "5.6.1"))).hasSize(1);
        assertThat(ranged.matches(npm("chalk", "6.0.5"))).hasSize(1);
        assertThat(ranged.matches(npm("chalk", "7.0.1"))).isEmpty();
        assertThat(read.deadLetters()).extracting(DeadLetter::reason).containsExactly(
                "MAL-2025-46969 affected[0].ranges[1]: fixed 'not!a+version' is not a npm version;"
                        + " the range is left out",
                "MAL-2025-46969 affected[0].ranges[2].events[1]: not one of introduced, fixed, last_affected, limit"
                        + " with a version string; the range is left out",
                "MAL-2025-46969 affected[0].ranges[3]: type 'SEMVR' is not SEMVER, ECOSYSTEM or GIT;"
                        + " the range is left out");
    }

    @Test
    void anItemLeftWithNothingToMatchIsADeadLetterNotAnEntry(@TempDir Path dir) throws Exception {
        ObjectNode debug = real("malicious/npm/debug/MAL-2025-46974.json");
        ObjectNode item = (ObjectNode) debug.get("affected").get(0);
        item.remove("versions");
        item.putArray("ranges").addObject().put("type", "GIT").put("repo", "https://github.com/debug-js/debug")
                .putArray("events").addObject().put("introduced", "0");
        write(dir, "MAL-2025-46974.json", debug);

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.packages()).isEmpty();
        assertThat(read.deadLetters()).extracting(DeadLetter::reason).containsExactly("MAL-2025-46974 affected[0]:"
                + " no version or range to match (GIT ranges are not evaluated); the item is left out");
    }

    @Test
    void entriesOfOsvEcosystemsIocstreamDoesNotMatchAreCountedAndAMisspeltEcosystemIsADeadLetter(@TempDir Path dir)
            throws Exception {
        // the real chalk entry as a distribution, an Alpine release, and a feed's typo would write it
        ObjectNode chalk = real("malicious/npm/chalk/MAL-2025-46969.json");
        ArrayNode affected = (ArrayNode) chalk.get("affected");
        ObjectNode npmItem = (ObjectNode) affected.get(0);
        for (String ecosystem : List.of("Debian:12", "debian", "Alpine:v3.20", "Foobar", "npm:extra")) {
            ObjectNode copy = npmItem.deepCopy();
            ((ObjectNode) copy.get("package")).put("ecosystem", ecosystem);
            affected.add(copy);
        }
        write(dir, "MAL-2025-46969.json", chalk);

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.packages()).extracting(IocEntry::ecosystem).containsExactly("npm");
        assertThat(read.unsupported()).isEqualTo(java.util.Map.of("Debian", 2, "Alpine", 1));
        assertThat(read.deadLetters()).extracting(DeadLetter::reason).containsExactly(
                "MAL-2025-46969 affected[4]: ecosystem 'Foobar' is not an OSV ecosystem name; the item is left out",
                "MAL-2025-46969 affected[5]: ecosystem 'npm:extra' is not an OSV ecosystem name; the item is left out");
        assertThat(read.matchable()).isEqualTo(1);
    }

    @Test
    void aPackageNameNoEcosystemAllowsIsADeadLetterNotAnEntry(@TempDir Path dir) throws Exception {
        ObjectNode chalk = real("malicious/npm/chalk/MAL-2025-46969.json");
        ArrayNode affected = (ArrayNode) chalk.get("affected");
        for (String name : List.of("chalk\u0000", "chalk\u200B", "c".repeat(10_000))) {
            ObjectNode copy = affected.get(0).deepCopy();
            ((ObjectNode) copy.get("package")).put("name", name);
            affected.add(copy);
        }
        write(dir, "MAL-2025-46969.json", chalk);

        FeedDirectory.Result read = FeedDirectory.read(dir);

        assertThat(read.packages()).extracting(IocEntry::name).containsExactly("chalk");
        assertThat(read.deadLetters()).extracting(DeadLetter::reason).containsExactly(
                "MAL-2025-46969 affected[1]: package name has control character U+0000; the item is left out",
                "MAL-2025-46969 affected[2]: package name has control character U+200B; the item is left out",
                "MAL-2025-46969 affected[3]: package name longer than 256 characters; the item is left out");
    }

    private static IocEntry entry(String id) {
        return feed.packages().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    /** A real entry of ioc/osv, to turn into a hostile variant. */
    static ObjectNode real(String path) throws Exception {
        return (ObjectNode) JSON.readTree(Path.of("src/test/resources/ioc/osv").resolve(path).toFile());
    }

    static void write(Path dir, String name, JsonNode osv) throws Exception {
        Files.writeString(dir.resolve(name), JSON.writeValueAsString(osv));
    }

    private static Dependency npm(String name, String version) {
        return new Dependency("npm", name, version);
    }

    private static java.util.List<String> ids(Dependency dep) {
        return index.matches(dep).stream().map(IocEntry::id).toList();
    }
}
