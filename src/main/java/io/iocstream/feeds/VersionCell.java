package io.iocstream.feeds;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** A package CSV's version cell: {@code 1.2.3}, {@code = 1.2.3} or {@code = 1.2.3 || = 1.2.4}, exact versions only. */
final class VersionCell {

    // a version is one token with no range operator in it: ranges are OSV's business, not a list's
    private static final Pattern EXACT = Pattern.compile("[^\\s<>=~^|*,]+");

    private VersionCell() {}

    static Set<String> versions(String cell) throws BadFeedRow {
        Set<String> versions = new LinkedHashSet<>();
        for (String alternative : cell.split("\\|\\|", -1)) {
            String version = alternative.strip();
            if (version.startsWith("=")) {
                version = version.substring(1).strip();
            }
            if (!EXACT.matcher(version).matches()) {
                throw new BadFeedRow("version cell '" + cell.strip() + "' is not of the form '= a || = b'");
            }
            versions.add(version);
        }
        return versions;
    }
}
