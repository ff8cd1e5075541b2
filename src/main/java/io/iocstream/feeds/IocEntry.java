package io.iocstream.feeds;

import io.iocstream.feeds.version.VersionRange;
import io.iocstream.feeds.version.VersionSchemes;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * One malicious-package entry of an IOC feed: explicit versions, OSV ranges, or every version. Versions are
 * compared with the ecosystem's own ordering ({@link VersionSchemes}) when the IOC index matches them.
 *
 * @param id          the feed's id (e.g. {@code MAL-2025-46969}), or {@code FEEDFILE:LINE} for lists without ids
 * @param ecosystem   OSV ecosystem name ({@code npm}, {@code PyPI}, ...)
 * @param name        package name as the feed writes it
 * @param versions    explicitly affected versions
 * @param allVersions true when every version is affected (OSV {@code introduced: "0"} with no end)
 * @param ranges      OSV {@code SEMVER} and {@code ECOSYSTEM} ranges; a version in any of them is affected
 * @param withdrawn   withdrawn entries never match
 * @param severity    {@code critical}, {@code high}, {@code medium} or {@code low} ({@link Severity#wire()})
 * @param feed        the feed file the entry came from
 * @param advisory    what the feed says of the entry: summary, aliases, references
 */
public record IocEntry(
        String id,
        String ecosystem,
        String name,
        Set<String> versions,
        boolean allVersions,
        List<VersionRange> ranges,
        boolean withdrawn,
        String severity,
        String feed,
        Advisory advisory) implements Serializable {

    public IocEntry {
        Severity.ofWire(severity); // an unknown word fails where it is made, not in each lookup that hits it
        versions = Set.copyOf(versions);
        ranges = List.copyOf(ranges);
        advisory = advisory == null ? Advisory.NONE : advisory;
    }

    /** An entry whose feed says nothing more of it (CSV and TXT lists). */
    public IocEntry(String id, String ecosystem, String name, Set<String> versions, boolean allVersions,
            List<VersionRange> ranges, boolean withdrawn, String severity, String feed) {
        this(id, ecosystem, name, versions, allVersions, ranges, withdrawn, severity, feed, Advisory.NONE);
    }

    /** An entry without ranges. */
    public IocEntry(String id, String ecosystem, String name, Set<String> versions, boolean allVersions,
            boolean withdrawn, String severity, String feed) {
        this(id, ecosystem, name, versions, allVersions, List.of(), withdrawn, severity, feed);
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
}
