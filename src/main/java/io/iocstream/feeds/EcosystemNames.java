package io.iocstream.feeds;

/**
 * OSV's exact ecosystem names ({@code npm}, {@code PyPI}, {@code Go}, {@code crates.io}, {@code RubyGems},
 * {@code Packagist}, {@code Maven}, {@code NuGet}) for the spellings feeds use ({@link FeedEcosystem}), so that an
 * entry written {@code pypi} or {@code Maven:https://maven.google.com} cannot silently miss a dependency the
 * parsers report as {@code PyPI} or {@code Maven}.
 */
public final class EcosystemNames {

    private EcosystemNames() {}

    /** The OSV name for a spelling of a known ecosystem; anything else is returned as it is. */
    public static String canonical(String ecosystem) {
        if (ecosystem == null) {
            return "";
        }
        // the parsers' spelling: no copy is made, as this runs once per dependency of every lookup
        if (FeedEcosystem.isOsvName(ecosystem)) {
            return ecosystem;
        }
        String trimmed = ecosystem.strip();
        FeedEcosystem known = FeedEcosystem.ofSpelling(trimmed);
        if (known != null) {
            return known.osv();
        }
        // OSV lets Maven and Packagist name a repository after a colon; the package is still a Maven one
        int colon = trimmed.indexOf(':');
        if (colon > 0) {
            FeedEcosystem base = FeedEcosystem.ofSpelling(trimmed.substring(0, colon));
            if (base == FeedEcosystem.MAVEN || base == FeedEcosystem.COMPOSER) {
                return base.osv();
            }
        }
        return trimmed;
    }
}
