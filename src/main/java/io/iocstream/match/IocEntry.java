package io.iocstream.match;

import java.util.Set;

/**
 * One malicious-package entry of an IOC feed.
 *
 * @param id          the feed's id (e.g. {@code MAL-2025-46969}), or {@code FEEDFILE:LINE} for lists without ids
 * @param ecosystem   OSV ecosystem name ({@code npm}, {@code PyPI}, ...)
 * @param name        package name as the feed writes it
 * @param versions    explicitly affected versions
 * @param allVersions true when every version is affected (OSV {@code introduced: "0"} with no end)
 * @param withdrawn   withdrawn entries never match
 * @param severity    {@code critical}, {@code high}, {@code medium} or {@code low}
 * @param feed        the feed file the entry came from
 */
public record IocEntry(
        String id,
        String ecosystem,
        String name,
        Set<String> versions,
        boolean allVersions,
        boolean withdrawn,
        String severity,
        String feed) {

    public IocEntry {
        versions = Set.copyOf(versions);
    }

    /** An entry for exactly these versions, as CSV and TXT lists give them. */
    public static IocEntry ofVersions(String id, String ecosystem, String name, Set<String> versions,
            String severity, String feed) {
        return new IocEntry(id, ecosystem, name, versions, false, false, severity, feed);
    }

    /** An entry for every version of the package. */
    public static IocEntry allVersionsOf(String id, String ecosystem, String name, String severity, String feed) {
        return new IocEntry(id, ecosystem, name, Set.of(), true, false, severity, feed);
    }

    public boolean affects(String version) {
        return !withdrawn && (allVersions || versions.contains(version));
    }
}
