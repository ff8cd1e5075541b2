package io.iocstream.feeds;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ecosystems the index knows, with every spelling feeds use for them: the short words of the widely shared
 * lists ({@code pypi:litellm:1.82.7}), the OSV names, and a few other spellings seen in feeds; {@link #osv()} is
 * what entries, dependencies and findings carry. Readers differ in how much they accept: a list prefix must be
 * the short word, a CSV cell the word or the OSV name, and {@link EcosystemNames} takes any spelling.
 */
enum FeedEcosystem {
    NPM("npm", "npm"),
    PYPI("pypi", "PyPI"),
    GO("go", "Go", "golang"),
    CRATES("crates", "crates.io", "cargo"),
    COMPOSER("composer", "Packagist"),
    GEM("gem", "RubyGems"),
    MAVEN("maven", "Maven"),
    NUGET("nuget", "NuGet"),
    /** Actions, {@code owner/repo}, by tag: GitHub's advisory database publishes them to OSV. */
    GITHUB_ACTIONS("actions", "GitHub Actions", "github-actions");

    private static final Set<String> OSV_NAMES = Arrays.stream(values()).map(FeedEcosystem::osv)
            .collect(Collectors.toUnmodifiableSet());
    private static final Map<String, FeedEcosystem> BY_SPELLING = bySpelling();

    private final String word;
    private final String osv;
    /** Spellings only {@link EcosystemNames} accepts. */
    private final List<String> otherSpellings;

    FeedEcosystem(String word, String osv, String... otherSpellings) {
        this.word = word;
        this.osv = osv;
        this.otherSpellings = List.of(otherSpellings);
    }

    /** The OSV ecosystem name. */
    String osv() {
        return osv;
    }

    /** Whether {@code name} is an OSV ecosystem name as it is spelled, the form the parsers report. */
    static boolean isOsvName(String name) {
        return OSV_NAMES.contains(name);
    }

    /** The list prefix ({@code pypi}), or null when {@code word} is no known prefix. */
    static FeedEcosystem ofPrefix(String word) {
        for (FeedEcosystem ecosystem : values()) {
            if (ecosystem.word.equals(word)) {
                return ecosystem;
            }
        }
        return null;
    }

    /** A CSV ecosystem cell: the short word or the OSV name, in any case; null when neither. */
    static FeedEcosystem ofCell(String cell) {
        String wanted = cell.strip();
        for (FeedEcosystem ecosystem : values()) {
            if (ecosystem.word.equalsIgnoreCase(wanted) || ecosystem.osv.equalsIgnoreCase(wanted)) {
                return ecosystem;
            }
        }
        return null;
    }

    /** Any spelling, in any case; null when none. */
    static FeedEcosystem ofSpelling(String spelling) {
        return BY_SPELLING.get(spelling.toLowerCase(Locale.ROOT));
    }

    /** Every prefix, for a dead letter's reason. */
    static String prefixes() {
        StringBuilder all = new StringBuilder();
        for (FeedEcosystem ecosystem : values()) {
            all.append(all.length() == 0 ? "" : ", ").append(ecosystem.word);
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, FeedEcosystem> bySpelling() {
        Map<String, FeedEcosystem> all = new HashMap<>();
        for (FeedEcosystem ecosystem : values()) {
            all.put(ecosystem.word, ecosystem);
            all.put(ecosystem.osv.toLowerCase(Locale.ROOT), ecosystem);
            ecosystem.otherSpellings.forEach(spelling -> all.put(spelling, ecosystem));
        }
        return Map.copyOf(all);
    }
}
