package io.iocstream.feeds;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every ecosystem name the OSV schema defines (ossf/osv-schema {@code ecosystems.json}, 2a6a0b9 of 2026-04-01), so
 * that an entry of an ecosystem iocstream does not match ({@code Debian}, {@code Alpine:v3.20}), which a full OSV
 * dump holds by the thousand, can be told from a name that is no ecosystem at all ({@code Foobar}), a feed's error.
 */
final class OsvEcosystems {

    private static final List<String> NAMES = List.of(
            "AlmaLinux", "Alpaquita", "Alpine", "Android", "Azure Linux", "BellSoft Hardened Containers",
            "Bioconductor", "Bitnami", "Chainguard", "CleanStart", "ConanCenter", "CRAN", "crates.io", "Debian",
            "Docker Hardened Images", "Echo", "FreeBSD", "GHC", "GitHub Actions", "Go", "Hackage", "Hex", "Julia",
            "Kubernetes", "Linux", "Mageia", "Maven", "MinimOS", "npm", "NuGet", "opam", "openEuler", "openSUSE",
            "OSS-Fuzz", "Packagist", "Photon OS", "Pub", "PyPI", "Red Hat", "Rocky Linux", "Root", "RubyGems",
            "SUSE", "SwiftURL", "TuxCare", "Ubuntu", "VSCode", "Wolfi");
    private static final Map<String, String> BY_LOWER_CASE = byLowerCase();

    private OsvEcosystems() {}

    /**
     * The OSV name of the ecosystem {@code ecosystem} names, in OSV's spelling, with any release suffix OSV allows
     * after a colon left off ({@code Debian:12} is {@code Debian}); null when it names no OSV ecosystem.
     */
    static String of(String ecosystem) {
        String trimmed = ecosystem.strip();
        int colon = trimmed.indexOf(':');
        return BY_LOWER_CASE.get((colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> byLowerCase() {
        Map<String, String> all = new HashMap<>();
        NAMES.forEach(name -> all.put(name.toLowerCase(Locale.ROOT), name));
        return Map.copyOf(all);
    }
}
