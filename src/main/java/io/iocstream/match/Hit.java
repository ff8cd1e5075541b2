package io.iocstream.match;

import io.iocstream.feeds.Advisory;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.Severity;
import io.iocstream.parse.Dependency;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One thing in a file that IOC entries hit: a dependency ({@code kind} {@link FindingKind#PACKAGE}) or an indicator
 * value (a hash, file name, domain or workflow value), with the ids of every entry that hit it and the gravest
 * severity among them. One hit is one finding.
 *
 * @param dependency for {@code package} hits, else null
 * @param indicator  for the other kinds: the feed's value that matched, else null
 * @param advisory   what the feeds say of it: the summary of the first entry (in id order) that has one, and every
 *                   entry's aliases and references, each once
 * @param feed       the feed file of the first entry in id order, or null when not known (state written before)
 * @param line       the line of the file the hit is on (a dependency's, a host's or workflow value's first), or 0
 */
public record Hit(FindingKind kind, Dependency dependency, String indicator, List<String> iocIds, Severity severity,
        Advisory advisory, String feed, int line) {

    public Hit {
        iocIds = List.copyOf(iocIds);
        advisory = advisory == null ? Advisory.NONE : advisory;
    }

    /** A hit of which nothing more than what it matched is known. */
    public Hit(FindingKind kind, Dependency dependency, String indicator, List<String> iocIds, Severity severity) {
        this(kind, dependency, indicator, iocIds, severity, Advisory.NONE, null,
                dependency == null ? 0 : dependency.line());
    }

    static Hit ofPackage(Dependency dependency, Collection<IocEntry> entries) {
        List<IocEntry> byId = sortedById(entries, IocEntry::id);
        return new Hit(FindingKind.PACKAGE, dependency, null, idsOf(byId.stream().map(IocEntry::id).toList()),
                gravest(byId.stream().map(IocEntry::severity)),
                combined(byId.stream().map(IocEntry::advisory).toList()),
                firstFeed(byId.stream().map(IocEntry::feed)), dependency.line());
    }

    /** A hit of an indicator value, on {@code line} of the file (0: not known, or the whole file). */
    static Hit ofIndicator(Indicator.Kind kind, String value, Collection<Indicator> indicators, int line) {
        List<Indicator> byId = sortedById(indicators, Indicator::id);
        return new Hit(FindingKind.of(kind), null, value, idsOf(byId.stream().map(Indicator::id).toList()),
                gravest(byId.stream().map(Indicator::severity)),
                combined(byId.stream().map(Indicator::advisory).toList()),
                firstFeed(byId.stream().map(Indicator::feed)), line);
    }

    /** The stable finding id of this hit in a file of a branch. */
    public String findingId(String repo, String ref, String path) {
        return dependency != null ? Findings.packageFindingId(repo, ref, path, dependency)
                : Findings.findingId(repo, ref, path, kind, indicator);
    }

    private static <T> List<T> sortedById(Collection<T> entries, Function<T, String> id) {
        return entries.stream().sorted(Comparator.comparing(id)).toList();
    }

    private static String firstFeed(Stream<String> feeds) {
        return feeds.findFirst().orElse(null);
    }

    private static List<String> idsOf(List<String> ids) {
        return List.copyOf(new TreeSet<>(ids));
    }

    /** The first summary, and the aliases and references of all, each once in the order first named. */
    private static Advisory combined(List<Advisory> advisories) {
        if (advisories.isEmpty()) {
            return Advisory.NONE;
        }
        if (advisories.size() == 1) {
            return advisories.get(0);
        }
        String summary = advisories.stream().map(Advisory::summary).filter(s -> s != null).findFirst().orElse(null);
        LinkedHashSet<String> aliases = new LinkedHashSet<>();
        LinkedHashSet<String> references = new LinkedHashSet<>();
        for (Advisory advisory : advisories) {
            aliases.addAll(advisory.aliases());
            references.addAll(advisory.references());
        }
        return new Advisory(summary, List.copyOf(aliases), List.copyOf(references));
    }

    /** The gravest of the feeds' severities (entries and indicators hold only known words). */
    private static Severity gravest(Stream<String> severities) {
        return severities.map(Severity::ofWire).min(Comparator.naturalOrder()).orElse(Severity.CRITICAL);
    }
}
