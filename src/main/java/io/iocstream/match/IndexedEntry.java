package io.iocstream.match;

import io.iocstream.feeds.EcosystemNames;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.version.AffectedVersions;
import io.iocstream.feeds.version.DependencyVersion;
import io.iocstream.feeds.version.VersionScheme;

/**
 * An {@link IocEntry} as the {@link IocIndex} holds it: with its versions and range bounds parsed once, on the
 * first lookup of the package. Snapshots hold the entry alone, so equality is the entry's. Like the index, it is
 * read and written by one thread (the task that holds the broadcast state).
 */
final class IndexedEntry {

    private final IocEntry entry;
    /** The entry's, beside it so that a lookup which ends here does not read the entry (a cache miss). */
    private final boolean withdrawn;
    private final boolean allVersions;
    /** Derived from the entry; transient, so that no serializer (Kryo's neither) writes it: rebuilt when null. */
    private transient AffectedVersions<?> versions;
    /**
     * The versions' {@link AffectedVersions#equalReleaseKey}, set with them: a release whose key differs is turned
     * away here, without reading the versions (in a large index, each object read is a cache miss). The lookup's
     * version computes its key in the scheme of the index's ecosystem, which is this entry's: the index files an
     * entry under {@code EcosystemNames.canonical} of its ecosystem, the name the versions are built with.
     */
    private transient long equalReleaseKey;

    IndexedEntry(IocEntry entry) {
        this.entry = entry;
        this.withdrawn = entry.withdrawn();
        this.allVersions = entry.allVersions();
    }

    IocEntry entry() {
        return entry;
    }

    /**
     * Whether the entry affects {@code version}: a listed version equal to it under the ecosystem's rules
     * ({@code 1.0} and {@code 1.0.0} in PyPI), or a version inside one of the ranges. Never when withdrawn; a
     * version that does not parse in the ecosystem matches only a listed string equal to it or an all-versions
     * entry.
     */
    boolean affects(DependencyVersion version) {
        if (withdrawn) {
            return false;
        }
        if (allVersions) {
            return true;
        }
        if (version.text() == null) {
            return false;
        }
        if (versions == null) {
            AffectedVersions<?> built = AffectedVersions.of(EcosystemNames.canonical(entry.ecosystem()),
                    entry.versions(), entry.ranges());
            // the key first: versions set means the key is set (should working it out fail, neither is)
            equalReleaseKey = built.equalReleaseKey();
            versions = built;
        }
        if (equalReleaseKey != VersionScheme.NO_KEYS) {
            long key = version.releaseKey();
            if (key >= 0 && key != equalReleaseKey) {
                return false;
            }
        }
        return versions.includes(version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexedEntry other && entry.equals(other.entry);
    }

    @Override
    public int hashCode() {
        return entry.hashCode();
    }

    @Override
    public String toString() {
        return entry.toString();
    }
}
