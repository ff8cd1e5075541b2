package io.iocstream.match;

import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.Severity;
import io.iocstream.parse.Dependency;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One thing in a file that IOC entries hit: a dependency ({@code kind} {@link FindingKind#PACKAGE}) or an indicator
 * value (a hash, file name, domain or workflow value), with the ids of every entry that hit it and the gravest
 * severity among them. One hit is one finding.
 *
 * @param dependency for {@code package} hits, else null
 * @param indicator  for the other kinds: the feed's value that matched, else null
 */
public record Hit(FindingKind kind, Dependency dependency, String indicator, List<String> iocIds, Severity severity) {

    public Hit {
        iocIds = List.copyOf(iocIds);
    }

    static Hit ofPackage(Dependency dependency, Collection<IocEntry> entries) {
        return new Hit(FindingKind.PACKAGE, dependency, null, idsOf(entries.stream().map(IocEntry::id).toList()),
                gravest(entries.stream().map(IocEntry::severity)));
    }

    static Hit ofIndicator(Indicator.Kind kind, String value, Collection<Indicator> indicators) {
        return new Hit(FindingKind.of(kind), null, value, idsOf(indicators.stream().map(Indicator::id).toList()),
                gravest(indicators.stream().map(Indicator::severity)));
    }

    /** This hit at another severity (a network indicator in documentation, at {@code low}). */
    Hit atSeverity(Severity lower) {
        return new Hit(kind, dependency, indicator, iocIds, lower);
    }

    /** The stable finding id of this hit in a file of a branch. */
    public String findingId(String repo, String ref, String path) {
        return dependency != null ? Findings.packageFindingId(repo, ref, path, dependency)
                : Findings.findingId(repo, ref, path, kind, indicator);
    }

    private static List<String> idsOf(List<String> ids) {
        return List.copyOf(new TreeSet<>(ids));
    }

    /** The gravest of the feeds' severities (entries and indicators hold only known words). */
    private static Severity gravest(Stream<String> severities) {
        return severities.map(Severity::ofWire).min(Comparator.naturalOrder()).orElse(Severity.CRITICAL);
    }
}
