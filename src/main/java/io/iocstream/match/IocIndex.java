package io.iocstream.match;

import io.iocstream.parse.Dependency;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IOC package entries by (ecosystem, normalised name): one hash lookup per dependency. Names are compared as
 * OSV compares them in each ecosystem, and never across ecosystems.
 */
public final class IocIndex implements Serializable {

    private static final Pattern PEP503_SEPARATORS = Pattern.compile("[-_.]+");

    private final Map<String, List<IocEntry>> byPackage = new HashMap<>();
    private int size;

    public void add(IocEntry entry) {
        byPackage.computeIfAbsent(key(entry.ecosystem(), entry.name()), k -> new ArrayList<>()).add(entry);
        size++;
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
        return size;
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
