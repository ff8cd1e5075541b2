package io.iocstream.match;

/**
 * A dependency's version as the IOC index looks it up, from the version as its file writes it: where an ecosystem
 * writes one version several ways, one spelling. Findings report the written version; lookups and finding ids use
 * this one. Spellings the ecosystem's version ordering reads alike anyway are left to it.
 */
public final class VersionSpelling {

    private VersionSpelling() {}

    /** {@code written} in the spelling the index compares; {@code ecosystem} is OSV's name for it. */
    public static String normalised(String ecosystem, String written) {
        if (written == null || written.length() < 2) {
            return written;
        }
        return switch (ecosystem) {
            // Composer tags are written v1.2.3 (or V1.2.3) and advisories name 1.2.3: the same version
            case "Packagist" -> isTagged(written, true) ? written.substring(1) : written;
            // a manifest may pin v1.2.3, which npm reads as 1.2.3; lockfiles never write the v
            case "npm" -> isTagged(written, false) ? written.substring(1) : written;
            default -> written;
        };
    }

    /** A {@code v} (or {@code V}, when {@code upperToo}) before a digit. */
    private static boolean isTagged(String version, boolean upperToo) {
        char first = version.charAt(0);
        char second = version.charAt(1);
        return (first == 'v' || upperToo && first == 'V') && second >= '0' && second <= '9';
    }
}
