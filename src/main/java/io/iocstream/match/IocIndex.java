package io.iocstream.match;

import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IOC package entries by (ecosystem, normalised name): one hash lookup per dependency. Names are compared as
 * OSV compares them in each ecosystem, and never across ecosystems. Hash, file-name, domain and workflow
 * indicators sit beside them in an {@link IndicatorIndex}.
 */
public final class IocIndex implements Serializable {

    private static final Pattern PEP503_SEPARATORS = Pattern.compile("[-_.]+");

    private final Map<String, List<IocEntry>> byPackage = new HashMap<>();
    private final IndicatorIndex indicators = new IndicatorIndex();
    private int size;

    public void add(Indicator indicator) {
        indicators.add(indicator);
    }

    /** Forgets the indicator of the same id, kind and value (it was withdrawn). */
    public void remove(Indicator indicator) {
        indicators.remove(indicator);
    }

    /** Forgets the entries of the same id, ecosystem and package (it was withdrawn). */
    public void remove(IocEntry entry) {
        List<IocEntry> same = byPackage.get(key(entry.ecosystem(), entry.name()));
        if (same != null) {
            int before = same.size();
            same.removeIf(known -> known.id().equals(entry.id()));
            size -= before - same.size();
        }
    }

    /** Everything in this file that the index hits: one {@link Hit} per dependency or indicator value. */
    public List<Hit> hits(String path, FileFacts facts) {
        List<Hit> hits = new ArrayList<>(indicators.hits(path, facts));
        for (Dependency dep : facts.dependencies()) {
            List<IocEntry> entries = matches(dep);
            if (!entries.isEmpty()) {
                hits.add(Hit.ofPackage(dep, entries));
            }
        }
        return hits;
    }

    /** Adds an entry, replacing one of the same id for the same package (a feed that changed it). */
    public void add(IocEntry entry) {
        remove(entry);
        byPackage.computeIfAbsent(key(entry.ecosystem(), entry.name()), k -> new ArrayList<>()).add(entry);
        size++;
    }

    /** Forgets every entry and indicator read from {@code feed}; returns their ids. */
    public Set<String> removeFeed(String feed) {
        Set<String> ids = new HashSet<>();
        for (List<IocEntry> entries : byPackage.values()) {
            entries.removeIf(entry -> {
                boolean fromFeed = entry.feed().equals(feed);
                if (fromFeed) {
                    ids.add(entry.id());
                }
                return fromFeed;
            });
        }
        byPackage.values().removeIf(List::isEmpty);
        size = byPackage.values().stream().mapToInt(List::size).sum();
        ids.addAll(indicators.removeFeed(feed));
        return ids;
    }

    /** Every entry that affects this dependency's version; withdrawn entries never do. */
    public List<IocEntry> matches(Dependency dep) {
        List<IocEntry> candidates = byPackage.get(key(dep.ecosystem(), dep.name()));
        if (candidates == null) {
            return List.of();
        }
        List<IocEntry> hits = new ArrayList<>(1);
        for (IocEntry entry : candidates) {
            if (entry.affects(dep.version())) {
                hits.add(entry);
            }
        }
        return hits;
    }

    public int size() {
        return size + indicators.size();
    }

    /** The lookup key: OSV's ecosystem name for any spelling of it, and the name as that ecosystem compares it. */
    static String key(String ecosystem, String name) {
        String osvEcosystem = EcosystemNames.canonical(ecosystem);
        return osvEcosystem + ":" + normalise(osvEcosystem, name);
    }

    /** Package names as each ecosystem compares them; {@code ecosystem} is OSV's name for it. */
    static String normalise(String ecosystem, String name) {
        return switch (ecosystem) {
            // PEP 503: case-insensitive, runs of - _ . are one separator
            case "PyPI" -> PEP503_SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
            // npm names are lower-case by rule (old mixed-case names exist, and the registry treats them apart);
            // Go module paths are case-sensitive; Maven names are groupId:artifactId as written
            case "npm", "crates.io", "RubyGems", "Go", "Maven" -> name;
            // Composer and NuGet ids are case-insensitive
            case "Packagist", "NuGet" -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }
}
