package io.iocstream.match;

import io.iocstream.feeds.EcosystemNames;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.version.DependencyVersion;
import io.iocstream.feeds.version.VersionSchemes;
import io.iocstream.parse.ActionReference;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IOC package entries by ecosystem, then normalised name: two hash lookups per dependency, and no allocation for
 * one the index does not hold (the retro hunt asks every dependency in state). Names are compared as OSV compares
 * them in each ecosystem, and never across ecosystems. Hash, file-name, domain and workflow indicators sit beside
 * them in an {@link IndicatorIndex}. Broadcast state holds it through {@link IocIndexSerializer}.
 */
public final class IocIndex {

    /** OSV ecosystem name → name as the ecosystem compares it → entries. */
    private final Map<String, Map<String, List<IndexedEntry>>> byEcosystem;
    private final IndicatorIndex indicators;
    private int size;

    public IocIndex() {
        this(new HashMap<>(), new IndicatorIndex(), 0);
    }

    /** An index that keeps these maps as they are (a restore). */
    IocIndex(Map<String, Map<String, List<IndexedEntry>>> byEcosystem, IndicatorIndex indicators) {
        this(byEcosystem, indicators, byEcosystem.values().stream()
                .mapToInt(names -> names.values().stream().mapToInt(List::size).sum()).sum());
    }

    private IocIndex(Map<String, Map<String, List<IndexedEntry>>> byEcosystem, IndicatorIndex indicators, int size) {
        this.byEcosystem = byEcosystem;
        this.indicators = indicators;
        this.size = size;
    }

    /** A structural copy: new maps and lists holding the same entries and indicators, which are immutable. */
    IocIndex copy() {
        Map<String, Map<String, List<IndexedEntry>>> ecosystems = new HashMap<>(byEcosystem);
        ecosystems.replaceAll((ecosystem, names) -> {
            Map<String, List<IndexedEntry>> copy = new HashMap<>(names);
            copy.replaceAll((name, entries) -> new ArrayList<>(entries));
            return copy;
        });
        return new IocIndex(ecosystems, indicators.copy(), size);
    }

    /** Adds every entry and indicator of {@code other}. */
    void addAll(IocIndex other) {
        other.byEcosystem.values().forEach(names -> names.values().forEach(entries -> entries.forEach(
                indexed -> add(indexed.entry()))));
        other.indicators.byKind().values().forEach(values -> values.values().forEach(same -> same.forEach(
                indicators::add)));
    }

    /** Package entries by OSV ecosystem name, then name as the ecosystem compares it; for the serializer to read. */
    Map<String, Map<String, List<IndexedEntry>>> packages() {
        return byEcosystem;
    }

    IndicatorIndex indicators() {
        return indicators;
    }

    public void add(Indicator indicator) {
        indicators.add(indicator);
    }

    /** Forgets the indicator of the same id, kind and value (it was withdrawn). */
    public void remove(Indicator indicator) {
        indicators.remove(indicator);
    }

    /** Forgets the entries of the same id, ecosystem and package (it was withdrawn). */
    public void remove(IocEntry entry) {
        String ecosystem = EcosystemNames.canonical(entry.ecosystem());
        List<IndexedEntry> same =
                byEcosystem.getOrDefault(ecosystem, Map.of()).get(normalise(ecosystem, entry.name()));
        if (same != null) {
            int before = same.size();
            same.removeIf(known -> known.entry().id().equals(entry.id()));
            size -= before - same.size();
        }
    }

    /** Everything in this file that the index hits: one {@link Hit} per dependency or indicator value. */
    public List<Hit> hits(String path, FileFacts facts) {
        return hits(path, facts, DocumentationPolicy.SAME);
    }

    /** The same, with network indicators in documentation counted as {@code documentation} says. */
    public List<Hit> hits(String path, FileFacts facts, DocumentationPolicy documentation) {
        List<Hit> hits = new ArrayList<>(indicators.hits(path, facts, documentation));
        for (Dependency dep : facts.dependencies()) {
            List<IocEntry> entries = matches(dep);
            if (!entries.isEmpty()) {
                hits.add(Hit.ofPackage(dep, entries));
            }
        }
        return hits;
    }

    /**
     * Adds an entry. It replaces nothing: an OSV entry may name one package in several {@code affected} items, and
     * two feeds may carry the same entry; a feed read again replaces its own entries through {@link #removeFeed}.
     */
    public void add(IocEntry entry) {
        String ecosystem = EcosystemNames.canonical(entry.ecosystem());
        List<IndexedEntry> same = byEcosystem.computeIfAbsent(ecosystem, e -> new HashMap<>())
                .computeIfAbsent(normalise(ecosystem, entry.name()), n -> new ArrayList<>(1));
        String knownName = same.isEmpty() ? entry.name() : same.get(0).entry().name();
        same.add(new IndexedEntry(sharingStrings(entry, knownName)));
        size++;
    }

    /**
     * The entry holding one copy of the strings that repeat across entries: the package name as the package's
     * first entry spells it (lists name a package once per version), and the feed, severity and ecosystem.
     */
    private static IocEntry sharingStrings(IocEntry entry, String knownName) {
        String name = entry.name().equals(knownName) ? knownName : entry.name();
        String ecosystem = intern(entry.ecosystem());
        String severity = intern(entry.severity());
        String feed = intern(entry.feed());
        // identity, not equality: a new record only when a string was swapped for its shared copy
        if (name == entry.name() && ecosystem == entry.ecosystem() && severity == entry.severity()
                && feed == entry.feed()) {
            return entry;
        }
        return new IocEntry(entry.id(), ecosystem, name, entry.versions(), entry.allVersions(), entry.ranges(),
                entry.withdrawn(), severity, feed, entry.advisory());
    }

    static String intern(String value) {
        return value == null ? null : value.intern();
    }

    /** Forgets every entry and indicator read from {@code feed}; whether it held any. */
    public boolean removeFeed(String feed) {
        boolean removed = indicators.removeFeed(feed);
        size = 0;
        for (Map<String, List<IndexedEntry>> names : byEcosystem.values()) {
            for (List<IndexedEntry> entries : names.values()) {
                removed |= entries.removeIf(indexed -> indexed.entry().feed().equals(feed));
                size += entries.size();
            }
            names.values().removeIf(List::isEmpty);
        }
        return removed;
    }

    /** Every entry that affects this dependency's version (in its {@link VersionSpelling}); withdrawn ones never do. */
    public List<IocEntry> matches(Dependency dep) {
        // the parsers write OSV's names, the index's keys: canonical spellings are looked up only when that misses
        String ecosystem = dep.ecosystem();
        Map<String, List<IndexedEntry>> names = byEcosystem.get(ecosystem);
        if (names == null) {
            ecosystem = EcosystemNames.canonical(ecosystem);
            names = byEcosystem.get(ecosystem);
        }
        List<IndexedEntry> candidates = names == null ? null : names.get(normalise(ecosystem, dep.name()));
        if (candidates == null) {
            return List.of();
        }
        // parsed at most once per ordering, however many entries the package has
        DependencyVersion version = new DependencyVersion(VersionSpelling.normalised(ecosystem, dep.version()),
                VersionSchemes.of(ecosystem));
        List<IocEntry> hits = List.of();
        for (IndexedEntry candidate : candidates) {
            if (candidate.affects(version)) {
                if (hits.isEmpty()) {
                    hits = new ArrayList<>(1);
                }
                hits.add(candidate.entry());
            }
        }
        return hits;
    }

    /** Whether the index holds any ref indicator: only then is a ref's own name looked up. */
    public boolean hasRefIndicators() {
        return indicators.has(Indicator.Kind.REF);
    }

    /** The ref indicators that a branch's or tag's ref ({@code refs/heads/shai-hulud}) hits. */
    public List<Hit> refHits(String ref) {
        return indicators.refHits(ref);
    }

    public boolean hasRepositoryIndicators() {
        return indicators.has(Indicator.Kind.REPOSITORY);
    }

    /** The repository indicators a repository event's repository hits: by name, owner/name or description. */
    public List<Hit> repositoryHits(String repo, String description) {
        return indicators.repositoryHits(repo, description);
    }

    public int size() {
        return size + indicators.size();
    }

    /** Package names as each ecosystem compares them; {@code ecosystem} is OSV's name for it. */
    static String normalise(String ecosystem, String name) {
        return switch (ecosystem) {
            // PEP 503: case-insensitive, runs of - _ . are one separator
            case "PyPI" -> isPep503Normal(name) ? name : pep503(name);
            // npm names are lower-case by rule (old mixed-case names exist, and the registry treats them apart);
            // Go module paths are case-sensitive; Maven names are groupId:artifactId as written
            case "npm", "crates.io", "RubyGems", "Go", "Maven" -> name;
            // Composer and NuGet ids are case-insensitive (toLowerCase returns a lower-case name itself)
            case "Packagist", "NuGet" -> name.toLowerCase(Locale.ROOT);
            // owner and repository names are case-insensitive; an action in a subfolder (github/codeql-action/init)
            // is published, and advised on, as its repository
            case ActionReference.ECOSYSTEM -> ActionReference.repository(name.toLowerCase(Locale.ROOT));
            default -> name;
        };
    }

    /** Lower-cased, each run of {@code -}, {@code _} and {@code .} one hyphen. */
    private static String pep503(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder normal = new StringBuilder(lower.length());
        boolean inSeparators = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean separator = c == '-' || c == '_' || c == '.';
            if (!separator) {
                normal.append(c);
            } else if (!inSeparators) {
                normal.append('-');
            }
            inSeparators = separator;
        }
        return normal.toString();
    }

    /** Whether a PyPI name is already as PEP 503 writes it: lower-case ASCII letters, digits, single hyphens. */
    private static boolean isPep503Normal(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (c != '-' || (i > 0 && name.charAt(i - 1) == '-'))) {
                return false;
            }
        }
        return true;
    }
}
