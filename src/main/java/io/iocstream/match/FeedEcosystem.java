package io.iocstream.match;

import java.util.Locale;

/**
 * The ecosystems a package list may name, by the short words of the widely shared lists ({@code pypi:litellm:1.82.7})
 * and by their OSV names; {@link #osv()} is what entries and findings carry.
 */
enum FeedEcosystem {
    NPM("npm", "npm"),
    PYPI("pypi", "PyPI"),
    GO("go", "Go"),
    CRATES("crates", "crates.io"),
    COMPOSER("composer", "Packagist"),
    GEM("gem", "RubyGems"),
    MAVEN("maven", "Maven"),
    NUGET("nuget", "NuGet");

    private final String word;
    private final String osv;

    FeedEcosystem(String word, String osv) {
        this.word = word;
        this.osv = osv;
    }

    /** The OSV ecosystem name. */
    String osv() {
        return osv;
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

    /** Every prefix, for a dead letter's reason. */
    static String prefixes() {
        StringBuilder all = new StringBuilder();
        for (FeedEcosystem ecosystem : values()) {
            all.append(all.length() == 0 ? "" : ", ").append(ecosystem.word);
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }
}
