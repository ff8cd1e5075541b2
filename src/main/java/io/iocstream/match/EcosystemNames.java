package io.iocstream.match;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OSV's exact ecosystem names ({@code npm}, {@code PyPI}, {@code Go}, {@code crates.io}, {@code RubyGems},
 * {@code Packagist}, {@code Maven}, {@code NuGet}) for the spellings feeds use, so that an entry written
 * {@code pypi} or {@code Maven:https://maven.google.com} cannot silently miss a dependency the parsers report
 * as {@code PyPI} or {@code Maven}.
 */
public final class EcosystemNames {

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("npm", "npm"),
            Map.entry("pypi", "PyPI"),
            Map.entry("go", "Go"),
            Map.entry("golang", "Go"),
            Map.entry("crates.io", "crates.io"),
            Map.entry("crates", "crates.io"),
            Map.entry("cargo", "crates.io"),
            Map.entry("rubygems", "RubyGems"),
            Map.entry("gem", "RubyGems"),
            Map.entry("packagist", "Packagist"),
            Map.entry("composer", "Packagist"),
            Map.entry("maven", "Maven"),
            Map.entry("nuget", "NuGet"));

    private static final Set<String> OSV_NAMES = Set.copyOf(CANONICAL.values());

    private EcosystemNames() {}

    /** The OSV name for a spelling of a known ecosystem; anything else is returned as it is. */
    public static String canonical(String ecosystem) {
        if (ecosystem == null) {
            return "";
        }
        // the parsers' spelling: no copy is made, as this runs once per dependency of every lookup
        if (OSV_NAMES.contains(ecosystem)) {
            return ecosystem;
        }
        String trimmed = ecosystem.strip();
        String known = CANONICAL.get(trimmed.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        // OSV lets Maven and Packagist name a repository after a colon; the package is still a Maven one
        int colon = trimmed.indexOf(':');
        if (colon > 0) {
            String base = CANONICAL.get(trimmed.substring(0, colon).toLowerCase(Locale.ROOT));
            if ("Maven".equals(base) || "Packagist".equals(base)) {
                return base;
            }
        }
        return trimmed;
    }
}
