package io.iocstream.match;

import static io.iocstream.feeds.version.RangeEvent.fixed;
import static io.iocstream.feeds.version.RangeEvent.introduced;
import static io.iocstream.feeds.version.RangeEvent.lastAffected;
import static io.iocstream.feeds.version.RangeEvent.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.feeds.EcosystemNames;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.version.RangeEvent;
import io.iocstream.feeds.version.VersionRange;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Matcher tables per ecosystem: exact versions, ranges, all versions, withdrawn entries, adjacent versions, the
 * same name in another ecosystem and names that are prefixes of bad ones. Each row is a dependency as a parser
 * reports it and the ids that must match it (none when empty), in the index and in every copy and restore of it.
 */
class IocIndexTest {

    static final List<IocEntry> ENTRIES = List.of(
            // npm
            exact("NPM-EXACT", "npm", "left-pad", "1.2.3"),
            IocEntry.ofVersions("NPM-OTHER-FEED", "npm", "left-pad", Set.of("9.9.8", "9.9.9"), "high", "other"),
            ranged("NPM-RANGE", "npm", semver(introduced("2.0.0"), fixed("2.3.0"))),
            ranged("NPM-LAST", "npm", semver(introduced("4.1.1"), lastAffected("4.1.2"))),
            ranged("NPM-LIMIT", "npm", semver(introduced("1.0.0"), limit("1.5.0"))),
            new IocEntry("NPM-SEVERAL", "npm", "two-bad-eras", Set.of(), false, List.of(
                    semver(introduced("1.0.0"), fixed("1.0.2")), semver(introduced("3.0.0"), fixed("3.2.5"))),
                    false, "critical", "test"),
            ranged("NPM-UNSORTED", "npm", semver(fixed("3.2.5"), introduced("3.0.0"), fixed("1.0.2"),
                    introduced("1.0.0"))),
            IocEntry.allVersionsOf("NPM-ALL", "npm", "@evil/everything", "critical", "test"),
            new IocEntry("NPM-WITHDRAWN", "npm", "falsely-accused", Set.of("1.0.0"), false, true, "critical", "t"),
            // PyPI
            exact("PYPI-EXACT", "PyPI", "Lite_LLM.proxy", "1.0"),
            ranged("PYPI-RANGE", "PyPI", ecosystemRange(introduced("2.0"), fixed("2.1"))),
            // Go
            exact("GO-EXACT", "Go", "github.com/Evil/Mod", "v1.2.3"),
            ranged("GO-RANGE", "Go", semver(introduced("0"), fixed("0.5.0"))),
            // crates.io
            exact("CRATES-EXACT", "crates.io", "rustdecimal", "1.23.1"),
            ranged("CRATES-RANGE", "crates.io", semver(introduced("0.3.0"), fixed("0.3.3"))),
            // RubyGems
            exact("GEM-EXACT", "RubyGems", "rest-client", "1.6.13"),
            ranged("GEM-RANGE", "RubyGems", ecosystemRange(introduced("1.0"), fixed("1.2"))),
            // Maven
            exact("MVN-EXACT", "Maven", "org.evil:core", "2.17.1"),
            ranged("MVN-RANGE", "Maven", ecosystemRange(introduced("2.0-beta9"), fixed("2.15.0"))),
            // Packagist
            exact("PHP-EXACT", "Packagist", "Evil/Package", "v1.0.0"),
            ranged("PHP-RANGE", "Packagist", ecosystemRange(introduced("2.0.0"), fixed("2.1.0"))),
            // NuGet
            exact("NUGET-EXACT", "NuGet", "Evil.Package", "1.0"),
            ranged("NUGET-RANGE", "NuGet", ecosystemRange(introduced("3.0.0-beta"), lastAffected("3.1.0"))),
            // feeds that spell ecosystems their own way
            exact("SPELT-PYPI", "pypi", "spelt-lower", "0.1.0"),
            exact("SPELT-MAVEN", "Maven:https://maven.google.com", "com.evil:android", "1.0.0"),
            exact("SPELT-GO", "golang", "example.com/spelt", "v0.1.0"));

    static final String SHA = "46faab8ab153fae6e80e7cca38eab363075bb524edd79e42269217a083628f09";

    static final List<Indicator> INDICATORS = List.of(
            new Indicator("H-1", Indicator.Kind.FILE_HASH, SHA, "critical", "payload", false, "indicators.csv"),
            new Indicator("H-2", Indicator.Kind.FILE_HASH, SHA, "high", "", false, "other.csv"),
            new Indicator("N-1", Indicator.Kind.FILE_NAME, "bundle.yml", "medium", "dropper", false, "indicators.csv"),
            new Indicator("D-1", Indicator.Kind.DOMAIN, "webhook.site", "high", "", false, "indicators.csv"),
            new Indicator("D-GONE", Indicator.Kind.DOMAIN, "falsely.example", "high", "", true, "indicators.csv"),
            new Indicator("W-1", Indicator.Kind.WORKFLOW, "evil-runner", "high", "rogue runner", false,
                    "indicators.csv"));

    static final IocIndex INDEX = index(ENTRIES, INDICATORS);

    /** The index after each way it can be copied or restored; every one must match exactly as {@link #INDEX}. */
    static final Map<String, IocIndex> RESTORED = restored();

    @ParameterizedTest(name = "{0} {1}@{2} -> [{3}]")
    @CsvSource(nullValues = "null", value = {
        // npm: an exact version and its neighbours
        "npm, left-pad, 1.2.3, NPM-EXACT",
        "npm, left-pad, v1.2.3, NPM-EXACT",
        "npm, left-pad, 1.2.3+build.5, NPM-EXACT",
        "npm, left-pad, 1.2.4, ''",
        "npm, left-pad, 1.2.2, ''",
        "npm, left-pad, 1.2.3-beta.1, ''",
        "npm, left-pad, 9.9.9, NPM-OTHER-FEED",
        // npm: introduced/fixed (name is the entry id lower-cased, see ranged())
        "npm, npm-range, 1.9.9, ''",
        "npm, npm-range, 2.0.0-rc.1, ''",
        "npm, npm-range, 2.0.0, NPM-RANGE",
        "npm, npm-range, 2.2.9, NPM-RANGE",
        "npm, npm-range, 2.3.0-beta.1, NPM-RANGE",
        "npm, npm-range, 2.3.0, ''",
        // npm: last_affected, limit, several ranges, unsorted events
        "npm, npm-last, 4.1.0, ''",
        "npm, npm-last, 4.1.2, NPM-LAST",
        "npm, npm-last, 4.1.3, ''",
        "npm, npm-limit, 1.4.9, NPM-LIMIT",
        "npm, npm-limit, 1.5.0, ''",
        "npm, two-bad-eras, 1.0.1, NPM-SEVERAL",
        "npm, two-bad-eras, 2.0.0, ''",
        "npm, two-bad-eras, 3.2.4, NPM-SEVERAL",
        "npm, npm-unsorted, 1.0.1, NPM-UNSORTED",
        "npm, npm-unsorted, 2.0.0, ''",
        "npm, npm-unsorted, 3.0.0, NPM-UNSORTED",
        // npm: all versions, withdrawn, unparseable versions
        "npm, @evil/everything, 0.0.1, NPM-ALL",
        "npm, @evil/everything, github:evil/everything#main, NPM-ALL",
        "npm, falsely-accused, 1.0.0, ''",
        "npm, npm-range, latest, ''",
        "npm, npm-range, '', ''",
        "npm, npm-range, null, ''",
        // npm: prefixes, extensions and case of bad names; the same name elsewhere
        "npm, left-pa, 1.2.3, ''",
        "npm, left-pad-extra, 1.2.3, ''",
        "npm, @evil/everything2, 1.0.0, ''",
        "npm, @evil/everythin, 1.0.0, ''",
        "npm, Left-Pad, 1.2.3, ''",
        "PyPI, left-pad, 1.2.3, ''",
        "crates.io, left-pad, 1.2.3, ''",
        // PyPI: PEP 503 names, PEP 440 equality and order
        "PyPI, lite-llm-proxy, 1.0, PYPI-EXACT",
        "PyPI, LITE.LLM__PROXY, 1.0.0, PYPI-EXACT",
        "PyPI, lite-llm-proxy, 1.0.0.0, PYPI-EXACT",
        "PyPI, lite-llm-proxy, v1.0, PYPI-EXACT",
        "PyPI, lite-llm-proxy, 1.0.1, ''",
        "PyPI, lite-llm-proxy, 1.0rc1, ''",
        "PyPI, lite-llm-proxy, 1.0.post1, ''",
        "PyPI, lite-llm, 1.0, ''",
        "PyPI, pypi-range, 1.9, ''",
        "PyPI, pypi-range, 2.0, PYPI-RANGE",
        "PyPI, pypi_range, 2.0.5, PYPI-RANGE",
        "PyPI, pypi-range, 2.1rc1, PYPI-RANGE",
        "PyPI, pypi-range, 2.1.0, ''",
        "PyPI, pypi-range, 2.1.dev0, PYPI-RANGE",
        "npm, lite-llm-proxy, 1.0, ''",
        // Go: case-sensitive paths; OSV SEMVER bounds without the v
        "Go, github.com/Evil/Mod, v1.2.3, GO-EXACT",
        "Go, github.com/evil/mod, v1.2.3, ''",
        "Go, github.com/Evil/Mod, v1.2.4, ''",
        "Go, github.com/Evil/Mod/v2, v1.2.3, ''",
        "Go, go-range, v0.4.9, GO-RANGE",
        "Go, go-range, v0.0.0-20191109021931-daa7c04131f5, GO-RANGE",
        "Go, go-range, v0.5.0-0.20200101000000-abcdefabcdef, GO-RANGE",
        "Go, go-range, v0.5.0, ''",
        "Go, go-range, v2.0.0+incompatible, ''",
        // crates.io
        "crates.io, rustdecimal, 1.23.1, CRATES-EXACT",
        "crates.io, rustdecimal, 1.23.2, ''",
        "crates.io, rust_decimal, 1.23.1, ''",
        "crates.io, crates-range, 0.3.2, CRATES-RANGE",
        "crates.io, crates-range, 0.3.3, ''",
        "crates.io, crates-range, 0.2.9, ''",
        // RubyGems: trailing zeros, prereleases
        "RubyGems, rest-client, 1.6.13, GEM-EXACT",
        "RubyGems, rest-client, 1.6.13.0, GEM-EXACT",
        "RubyGems, rest-client, 1.6.14, ''",
        "RubyGems, rest-client, 1.6.13.pre, ''",
        "RubyGems, Rest-Client, 1.6.13, ''",
        "RubyGems, gem-range, 1.0, GEM-RANGE",
        "RubyGems, gem-range, 1.2.0.rc1, GEM-RANGE",
        "RubyGems, gem-range, 1.2, ''",
        "RubyGems, gem-range, 0.9.9, ''",
        // Maven: groupId:artifactId, ComparableVersion
        "Maven, org.evil:core, 2.17.1, MVN-EXACT",
        "Maven, org.evil:core, 2.17.1.0, MVN-EXACT",
        "Maven, org.evil:core, 2.17.2, ''",
        "Maven, org.evil:core-api, 2.17.1, ''",
        "Maven, org.evil:cor, 2.17.1, ''",
        "Maven, mvn-range, 2.0-rc1, MVN-RANGE",
        "Maven, mvn-range, 2.14.1, MVN-RANGE",
        "Maven, mvn-range, 2.15.0-SNAPSHOT, MVN-RANGE",
        "Maven, mvn-range, 2.15.0, ''",
        "Maven, mvn-range, 2.0-beta8, ''",
        // Packagist: case-insensitive names, optional v, stabilities
        "Packagist, evil/package, 1.0.0, PHP-EXACT",
        "Packagist, EVIL/PACKAGE, v1.0.0.0, PHP-EXACT",
        "Packagist, evil/package, 1.0.1, ''",
        "Packagist, evil/package, 1.0.0-RC1, ''",
        "Packagist, evil/packages, 1.0.0, ''",
        "Packagist, php-range, 2.0.0, PHP-RANGE",
        "Packagist, php-range, 2.1.0-beta1, PHP-RANGE",
        "Packagist, php-range, 2.1.0, ''",
        "Packagist, php-range, 2.0.0-dev, ''",
        "Packagist, php-range, dev-main, ''",
        // NuGet: case-insensitive names and labels, up to four parts
        "NuGet, evil.package, 1.0.0, NUGET-EXACT",
        "NuGet, EVIL.PACKAGE, 1.0.0.0, NUGET-EXACT",
        "NuGet, Evil.Package, 1.0.0.1, ''",
        "NuGet, Evil.Package, 1.0.0-beta, ''",
        "NuGet, Evil.Packages, 1.0.0, ''",
        "NuGet, nuget-range, 3.0.0-BETA, NUGET-RANGE",
        "NuGet, nuget-range, 3.0.0-alpha, ''",
        "NuGet, nuget-range, 3.1.0.0, NUGET-RANGE",
        "NuGet, nuget-range, 3.1.0.1, ''",
        // feed spellings of ecosystem names reach the parsers' OSV names
        "PyPI, spelt_lower, 0.1, SPELT-PYPI",
        "Maven, com.evil:android, 1.0.0, SPELT-MAVEN",
        "Go, example.com/spelt, v0.1.0, SPELT-GO",
    })
    void matcherTable(String ecosystem, String name, String version, String expected) {
        List<String> expectedIds = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        Dependency dep = new Dependency(ecosystem, name, version);
        assertThat(ids(INDEX, dep)).containsExactlyElementsOf(expectedIds);
        RESTORED.forEach((how, copy) -> assertThat(ids(copy, dep)).as(how).containsExactlyElementsOf(expectedIds));
    }

    @Test
    void aReleaseTurnedAwayByItsKeyStillMatchesEverySpellingOfTheSameVersion() {
        IocIndex index = new IocIndex();
        index.add(exact("KEY-MAVEN", "Maven", "com.example:final", "1.0-final"));
        index.add(exact("KEY-MAVEN-NONE", "Maven", "com.example:bench", "0.0.0-bench.1"));
        index.add(exact("KEY-NPM", "npm", "key-npm", "1.3.0+build.7"));
        index.add(exact("KEY-PYPI", "PyPI", "key-pypi", "2.0"));
        index.add(exact("KEY-GO", "Go", "example.com/key", "v0.1.0"));
        String[][] lookups = {
            {"Maven", "com.example:final", "1", "KEY-MAVEN"}, {"Maven", "com.example:final", "1.0.0", "KEY-MAVEN"},
            {"Maven", "com.example:final", "1.0-ga", "KEY-MAVEN"}, {"Maven", "com.example:final", "1.0.1", ""},
            {"Maven", "com.example:bench", "0.0.0", ""}, {"Maven", "com.example:bench", "0.0.0-bench.1", "KEY-MAVEN-NONE"},
            {"npm", "key-npm", "1.3.0", "KEY-NPM"}, {"npm", "key-npm", "v1.3.0", "KEY-NPM"},
            {"npm", "key-npm", "1.3.1", ""}, {"npm", "key-npm", "1.3.0-rc.1", ""},
            {"PyPI", "key-pypi", "2.0.0", "KEY-PYPI"}, {"PyPI", "key-pypi", "2", "KEY-PYPI"},
            {"PyPI", "key-pypi", "2.0.1", ""}, {"PyPI", "key-pypi", "2.0.post1", ""},
            {"Go", "example.com/key", "v0.1.0", "KEY-GO"}, {"Go", "example.com/key", "v0.1.1", ""}};
        // twice: the first lookup of an entry builds its versions and key, the second is turned away by the key
        for (int round = 0; round < 2; round++) {
            for (String[] lookup : lookups) {
                assertThat(ids(index, new Dependency(lookup[0], lookup[1], lookup[2])))
                        .as("%s %s %s, round %d", lookup[0], lookup[1], lookup[2], round)
                        .containsExactlyElementsOf(lookup[3].isEmpty() ? List.of() : List.of(lookup[3]));
            }
        }
    }

    @Test
    void ecosystemSpellingsOfFeedsAreOsvNames() {
        assertThat(EcosystemNames.canonical("pypi")).isEqualTo("PyPI");
        assertThat(EcosystemNames.canonical("Packagist:https://packages.drupal.org/8")).isEqualTo("Packagist");
        assertThat(EcosystemNames.canonical("crates")).isEqualTo("crates.io");
        assertThat(EcosystemNames.canonical("gem")).isEqualTo("RubyGems");
        assertThat(EcosystemNames.canonical("composer")).isEqualTo("Packagist");
        assertThat(EcosystemNames.canonical("nuget")).isEqualTo("NuGet");
        assertThat(EcosystemNames.canonical("NPM")).isEqualTo("npm");
        assertThat(EcosystemNames.canonical(" Go ")).isEqualTo("Go");
        assertThat(EcosystemNames.canonical("golang")).isEqualTo("Go");
        assertThat(EcosystemNames.canonical("cargo")).isEqualTo("crates.io");
        assertThat(EcosystemNames.canonical("RUBYGEMS")).isEqualTo("RubyGems");
        assertThat(EcosystemNames.canonical("Maven:https://maven.google.com")).isEqualTo("Maven");
        assertThat(EcosystemNames.canonical("Hex")).isEqualTo("Hex");
    }

    @ParameterizedTest
    @CsvSource({
        "PyPI, A_B, a-b",
        "PyPI, a-b, a-b",
        "PyPI, a--b, a-b",
        "PyPI, a._-b, a-b",
        "PyPI, Django, django",
        "PyPI, zope.interface, zope-interface",
        "PyPI, -a-, -a-",
        "PyPI, __a, -a",
        "PyPI, lite-llm-proxy2, lite-llm-proxy2",
        "Packagist, drupal/Core, drupal/core",
        "NuGet, Evil.Package, evil.package",
        "npm, Left-Pad, Left-Pad",
        "Go, example.com/Spelt, example.com/Spelt",
    })
    void namesAreNormalisedAsEachEcosystemComparesThem(String ecosystem, String name, String normalised) {
        assertThat(IocIndex.normalise(ecosystem, name)).isEqualTo(normalised);
    }

    @Test
    void everyCopyAndRestoreHoldsTheSameEntriesAndIndicatorsAndHitsTheSame() {
        FileFacts facts = new FileFacts(List.of(new Dependency("npm", "two-bad-eras", "3.2.4"),
                new Dependency("PyPI", "LITE.LLM__PROXY", "1.0.0"), new Dependency("npm", "falsely-accused", "1.0.0")),
                SHA, List.of("eu.webhook.site", "falsely.example"), List.of("evil-runner"));
        String path = ".github/workflows/bundle.yml";
        List<Hit> hits = INDEX.hits(path, facts);
        assertThat(hits).extracting(hit -> hit.kind().wire(), Hit::iocIds).containsExactlyInAnyOrder(
                tuple("file_name", List.of("N-1")), tuple("file_hash", List.of("H-1", "H-2")),
                tuple("domain", List.of("D-1")), tuple("workflow", List.of("W-1")),
                tuple("package", List.of("NPM-SEVERAL")), tuple("package", List.of("PYPI-EXACT")));

        assertThat(RESTORED).hasSize(3);
        RESTORED.forEach((how, copy) -> {
            assertThat(copy).as(how).isNotSameAs(INDEX);
            assertThat(copy.size()).as(how).isEqualTo(ENTRIES.size() + INDICATORS.size());
            assertThat(copy.packages()).as(how).isEqualTo(INDEX.packages());
            assertThat(copy.indicators().byKind()).as(how).isEqualTo(INDEX.indicators().byKind());
            assertThat(copy.hits(path, facts)).as(how).isEqualTo(hits);
        });
    }

    @Test
    void aCopyChangesApartFromItsOriginal() {
        IocIndex original = index(ENTRIES, INDICATORS);
        IocIndex copy = IocIndexSerializer.INSTANCE.copy(original);
        copy.add(exact("NEW", "npm", "left-pad", "1.2.4"));
        copy.removeFeed("other");
        copy.remove(INDICATORS.get(0));
        original.add(new Indicator("W-2", Indicator.Kind.WORKFLOW, "evil-runner", "low", "", false, "x.csv"));

        assertThat(ids(original, new Dependency("npm", "left-pad", "1.2.4"))).isEmpty();
        assertThat(ids(original, new Dependency("npm", "left-pad", "9.9.9"))).containsExactly("NPM-OTHER-FEED");
        assertThat(original.size()).isEqualTo(ENTRIES.size() + INDICATORS.size() + 1);
        assertThat(ids(copy, new Dependency("npm", "left-pad", "1.2.4"))).containsExactly("NEW");
        assertThat(ids(copy, new Dependency("npm", "left-pad", "9.9.9"))).isEmpty();
        assertThat(copy.size()).isEqualTo(ENTRIES.size() + INDICATORS.size() - 1);
        FileFacts workflow = new FileFacts(List.of(), SHA, List.of(), List.of("evil-runner"));
        assertThat(original.hits(".github/workflows/a.yml", workflow)).extracting(Hit::iocIds)
                .containsExactlyInAnyOrder(List.of("H-1", "H-2"), List.of("W-1", "W-2"));
        assertThat(copy.hits(".github/workflows/a.yml", workflow)).extracting(Hit::iocIds)
                .containsExactlyInAnyOrder(List.of("H-2"), List.of("W-1"));
    }

    @Test
    void entriesOfOnePackageKeepOneCopyOfItsNameAndOfTheFeedsWords() {
        IocIndex index = new IocIndex();
        // new String: each line of a list is read into strings of its own
        for (String version : List.of("1.0.0", "1.0.1")) {
            index.add(IocEntry.ofVersions("list.txt:" + version, new String("npm"), new String("left-pad"),
                    Set.of(version), new String("critical"), new String("list.txt")));
        }
        index.add(new Indicator("H-1", Indicator.Kind.FILE_HASH, SHA, new String("high"), new String("payload"),
                false, new String("indicators.csv")));
        index.add(new Indicator("H-2", Indicator.Kind.FILE_HASH, SHA, new String("high"), new String("payload"),
                false, new String("indicators.csv")));

        List<IocEntry> entries =
                index.packages().get("npm").get("left-pad").stream().map(IndexedEntry::entry).toList();
        assertThat(entries).extracting(IocEntry::id).containsExactly("list.txt:1.0.0", "list.txt:1.0.1");
        assertThat(entries.get(1).name()).isSameAs(entries.get(0).name());
        assertThat(entries.get(1).ecosystem()).isSameAs(entries.get(0).ecosystem());
        assertThat(entries.get(1).severity()).isSameAs(entries.get(0).severity());
        assertThat(entries.get(1).feed()).isSameAs(entries.get(0).feed());
        List<Indicator> same = index.indicators().byKind().get(Indicator.Kind.FILE_HASH).get(SHA);
        assertThat(same.get(1).severity()).isSameAs(same.get(0).severity());
        assertThat(same.get(1).description()).isSameAs(same.get(0).description());
        assertThat(same.get(1).feed()).isSameAs(same.get(0).feed());
        assertThat(ids(index, new Dependency("npm", "left-pad", "1.0.1"))).containsExactly("list.txt:1.0.1");
    }

    @Test
    void theSerializerRestoresFromItsSnapshot() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, IocIndexSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<IocIndex> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), IocIndexTest.class.getClassLoader());
        assertThat(restored.restoreSerializer()).isEqualTo(IocIndexSerializer.INSTANCE);
        assertThat(IocIndexSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(restored)
                .isCompatibleAsIs()).isTrue();
    }

    private static Map<String, IocIndex> restored() {
        try {
            Map<String, IocIndex> restored = new LinkedHashMap<>();
            // the serializer Flink picks for the class by itself (Kryo), which broadcast state used before
            restored.put("kryo", roundTrip(TypeInformation.of(IocIndex.class).createSerializer(
                    new SerializerConfigImpl())));
            restored.put("IocIndexSerializer", roundTrip(IocIndexSerializer.INSTANCE));
            restored.put("IocIndexSerializer.copy", IocIndexSerializer.INSTANCE.copy(INDEX));
            return restored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IocIndex roundTrip(TypeSerializer<IocIndex> serializer) throws IOException {
        return InstantiationUtil.deserializeFromByteArray(serializer,
                InstantiationUtil.serializeToByteArray(serializer, INDEX));
    }

    private static IocEntry exact(String id, String ecosystem, String name, String version) {
        return IocEntry.ofVersions(id, ecosystem, name, Set.of(version), "critical", "test");
    }

    /** An entry for the package named after its id, lower-cased, with one range. */
    private static IocEntry ranged(String id, String ecosystem, VersionRange range) {
        return new IocEntry(id, ecosystem, id.toLowerCase(java.util.Locale.ROOT), Set.of(), false, List.of(range),
                false, "critical", "test");
    }

    private static VersionRange semver(RangeEvent... events) {
        return new VersionRange(VersionRange.Type.SEMVER, List.of(events));
    }

    private static VersionRange ecosystemRange(RangeEvent... events) {
        return new VersionRange(VersionRange.Type.ECOSYSTEM, List.of(events));
    }

    private static IocIndex index(List<IocEntry> entries, List<Indicator> indicators) {
        IocIndex index = new IocIndex();
        entries.forEach(index::add);
        indicators.forEach(index::add);
        return index;
    }

    private static List<String> ids(IocIndex index, Dependency dep) {
        return index.matches(dep).stream().map(IocEntry::id).sorted().toList();
    }
}
