package io.iocstream.feeds.version;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One OSV {@code affected[].ranges[]} item of type {@code SEMVER} or {@code ECOSYSTEM}, evaluated as the OSV
 * schema's "Evaluation" pseudocode says: the events sorted by the range's ordering, {@code introduced} opens,
 * {@code fixed} closes at the version, {@code last_affected} closes after it, and {@code limit} events bound
 * the whole range. {@code GIT} ranges are not represented: they need the repository's commit graph.
 *
 * @param type   the ordering the events are written in
 * @param events the events as the feed lists them (any order)
 */
public record VersionRange(Type type, List<RangeEvent> events) implements Serializable {

    /** The evaluable OSV range types. */
    public enum Type {
        /** SemVer 2.0.0 precedence, whatever the ecosystem. */
        SEMVER,
        /** The ecosystem's own ordering. */
        ECOSYSTEM;

        /** The type an OSV {@code type} names, or empty for {@code GIT} and unknown types. */
        public static Optional<Type> ofOsv(String osvType) {
            return switch (osvType) {
                case "SEMVER" -> Optional.of(SEMVER);
                case "ECOSYSTEM" -> Optional.of(ECOSYSTEM);
                default -> Optional.empty();
            };
        }
    }

    public VersionRange {
        events = List.copyOf(events);
    }

    /** {@code introduced: "0"} with nothing that closes it: every version, parseable or not. */
    public boolean coversEverything() {
        boolean fromBeginning = false;
        for (RangeEvent event : events) {
            switch (event.kind()) {
                case INTRODUCED -> fromBeginning |= event.isBeginning();
                case FIXED, LAST_AFFECTED -> {
                    return false;
                }
                case LIMIT -> {
                    if (!event.isInfinity()) {
                        return false;
                    }
                }
            }
        }
        return fromBeginning;
    }

    /**
     * Whether {@code version} lies in the range. {@code ecosystem} is the OSV ecosystem name, whose ordering an
     * {@code ECOSYSTEM} range uses. A version, or a bound, that does not parse in the ordering is outside the
     * range (unless the range covers everything): the range makes no claim about it.
     */
    public boolean includes(String ecosystem, String version) {
        if (coversEverything()) {
            return true;
        }
        Optional<VersionScheme<?>> scheme = type == Type.SEMVER ? Optional.of(VersionSchemes.SEMVER)
                : VersionSchemes.forEcosystem(ecosystem);
        return scheme.isPresent() && includes(scheme.get(), version);
    }

    private <V extends Comparable<V>> boolean includes(VersionScheme<V> scheme, String version) {
        V v = VersionSchemes.tryParse(scheme, version);
        Bounds<V> bounds = v == null ? null : bounds(scheme);
        return bounds != null && bounds.includes(v);
    }

    /** The events parsed in {@code scheme} and sorted, or null when one does not parse. */
    <V extends Comparable<V>> Bounds<V> bounds(VersionScheme<V> scheme) {
        List<Bound<V>> bounds = new ArrayList<>(events.size());
        for (RangeEvent event : events) {
            if (event.isBeginning() || event.isInfinity()) {
                bounds.add(new Bound<>(event.kind(), null));
                continue;
            }
            V at = VersionSchemes.tryParse(scheme, event.version());
            if (at == null) {
                return null;
            }
            bounds.add(new Bound<>(event.kind(), at));
        }
        bounds.sort(Bound.order());
        return new Bounds<>(List.copyOf(bounds));
    }

    /** A range's events, parsed and sorted once, evaluated for any number of versions. */
    record Bounds<V extends Comparable<V>>(List<Bound<V>> sorted) {

        boolean includes(V v) {
            if (!beforeLimits(v)) {
                return false;
            }
            boolean affected = false;
            for (Bound<V> bound : sorted) {
                switch (bound.kind()) {
                    case INTRODUCED -> affected |= bound.at() == null || v.compareTo(bound.at()) >= 0;
                    case FIXED -> affected &= v.compareTo(bound.at()) < 0;
                    case LAST_AFFECTED -> affected &= v.compareTo(bound.at()) <= 0;
                    case LIMIT -> {
                        // applied above, to the range as a whole
                    }
                }
            }
            return affected;
        }

        private boolean beforeLimits(V v) {
            boolean anyLimit = false;
            for (Bound<V> bound : sorted) {
                if (bound.kind() == RangeEvent.Kind.LIMIT) {
                    anyLimit = true;
                    if (bound.at() == null || v.compareTo(bound.at()) < 0) {
                        return true;
                    }
                }
            }
            return !anyLimit;
        }
    }

    /** A parsed event; {@code at} is null for the beginning ({@code introduced: "0"}) and for {@code limit: "*"}. */
    private record Bound<V extends Comparable<V>>(RangeEvent.Kind kind, V at) {

        static <V extends Comparable<V>> Comparator<Bound<V>> order() {
            return Comparator.<Bound<V>>comparingInt(Bound::position)
                    .thenComparing((a, b) -> a.at() == null || b.at() == null ? 0 : a.at().compareTo(b.at()))
                    // on a tie a closing event goes first, so adjacent [a, X) and [X, b) still include X
                    .thenComparingInt(b -> b.kind() == RangeEvent.Kind.INTRODUCED ? 1 : 0);
        }

        /** The beginning sorts first and infinity last; every other bound sorts by its version. */
        private int position() {
            if (at != null) {
                return 1;
            }
            return kind == RangeEvent.Kind.INTRODUCED ? 0 : 2;
        }
    }
}
