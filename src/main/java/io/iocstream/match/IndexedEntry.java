package io.iocstream.match;

import io.iocstream.match.version.AffectedVersions;
import io.iocstream.match.version.DependencyVersion;

/**
 * An {@link IocEntry} as the {@link IocIndex} holds it: with its versions and range bounds parsed once, on the
 * first lookup of the package. Snapshots hold the entry alone, so equality is the entry's.
 */
final class IndexedEntry {

    private final IocEntry entry;
    /** The entry's, beside it so that a lookup which ends here does not read the entry (a cache miss). */
    private final boolean withdrawn;
    private final boolean allVersions;
    /** Derived from the entry; transient, so that no serializer (Kryo's neither) writes it: rebuilt when null. */
    private transient AffectedVersions<?> versions;

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
        return allVersions || (version.text() != null && versions().includes(version));
    }

    private AffectedVersions<?> versions() {
        if (versions == null) {
            versions = AffectedVersions.of(EcosystemNames.canonical(entry.ecosystem()), entry.versions(),
                    entry.ranges());
        }
        return versions;
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
