package io.iocstream.match;

import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.parse.Dependency;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One thing in a file that IOC entries hit: a dependency ({@code kind} {@code package}) or an indicator value
 * (a hash, file name, domain or workflow value), with the ids of every entry that hit it and the gravest
 * severity among them. One hit is one finding.
 *
 * @param dependency for {@code package} hits, else null
 * @param indicator  for the other kinds: the feed's value that matched, else null
 */
public record Hit(String kind, Dependency dependency, String indicator, List<String> iocIds, String severity) {

    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

    public Hit {
        iocIds = List.copyOf(iocIds);
    }

    static Hit ofPackage(Dependency dependency, Collection<IocEntry> entries) {
        return new Hit("package", dependency, null, idsOf(entries.stream().map(IocEntry::id).toList()),
                gravest(entries.stream().map(IocEntry::severity).toList()));
    }

    static Hit ofIndicator(Indicator.Kind kind, String value, Collection<Indicator> indicators) {
        return new Hit(kind.wire(), null, value, idsOf(indicators.stream().map(Indicator::id).toList()),
                gravest(indicators.stream().map(Indicator::severity).toList()));
    }

    /** The stable finding id of this hit in a file of a branch. */
    public String findingId(String repo, String ref, String path) {
        return dependency != null ? Findings.packageFindingId(repo, ref, path, dependency)
                : Findings.findingId(repo, ref, path, kind, indicator);
    }

    private static List<String> idsOf(List<String> ids) {
        return List.copyOf(new TreeSet<>(ids));
    }

    /** The gravest of the feeds' severities; an unknown word ranks below {@code low}. */
    private static String gravest(List<String> severities) {
        String gravest = null;
        for (String severity : severities) {
            if (gravest == null || rank(severity) < rank(gravest)) {
                gravest = severity;
            }
        }
        return gravest == null ? "critical" : gravest;
    }

    private static int rank(String severity) {
        int rank = SEVERITIES.indexOf(severity);
        return rank < 0 ? SEVERITIES.size() : rank;
    }
}
