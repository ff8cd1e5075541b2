package io.iocstream.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.match.version.RangeEvent;
import io.iocstream.match.version.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads OSV entries as ossf/malicious-packages lays them out (one JSON document per entry; {@link FeedDirectory}
 * walks the folders). Each {@code affected[]} item becomes one {@link IocEntry}; the domains and URLs an entry
 * lists under {@code database_specific.iocs} (its C2 and exfiltration hosts) become domain {@link Indicator}s of
 * the same id.
 */
public final class OsvFeedReader {

    private OsvFeedReader() {}

    /** The entries of one OSV document; {@code feed} names where it came from. */
    static List<IocEntry> entries(JsonNode osv, String feed) {
        if (osv == null || !osv.isObject()) {
            throw new IllegalArgumentException(whatItIs(osv) + ", not an OSV entry object (one entry a file)");
        }
        if (!osv.path("id").isTextual()) {
            throw new IllegalArgumentException("no 'id'");
        }
        if (!osv.path("affected").isArray()) {
            throw new IllegalArgumentException("no 'affected' list");
        }
        String id = osv.get("id").asText();
        boolean withdrawn = osv.hasNonNull("withdrawn");
        List<IocEntry> entries = new ArrayList<>();
        for (JsonNode affected : osv.get("affected")) {
            JsonNode pkg = affected.path("package");
            if (!pkg.path("ecosystem").isTextual() || !pkg.path("name").isTextual()) {
                throw new IllegalArgumentException("an 'affected' item has no package ecosystem and name");
            }
            Set<String> versions = new LinkedHashSet<>();
            affected.path("versions").forEach(v -> versions.add(v.asText()));
            List<VersionRange> ranges = ranges(affected.path("ranges"));
            boolean allVersions = ranges.stream().anyMatch(VersionRange::coversEverything);
            entries.add(new IocEntry(id, pkg.get("ecosystem").asText(), pkg.get("name").asText(), versions,
                    allVersions, allVersions ? List.of() : ranges, withdrawn, "critical", feed));
        }
        return entries;
    }

    /** What a document that is no JSON object holds: {@code a JSON array}, {@code an empty file}. */
    private static String whatItIs(JsonNode document) {
        if (document == null || document.isMissingNode()) {
            return "an empty file";
        }
        return "a JSON " + document.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The hosts an OSV entry names under {@code database_specific.iocs.domains} and {@code .urls}, as indicators. */
    static List<Indicator> indicators(JsonNode osv, String feed) {
        JsonNode iocs = osv.path("database_specific").path("iocs");
        Set<String> hosts = new LinkedHashSet<>();
        for (String field : List.of("domains", "urls")) {
            for (JsonNode value : iocs.path(field)) {
                try {
                    hosts.add(IndicatorCsvReader.host(value.asText()));
                } catch (BadFeedRow e) {
                    throw new IllegalArgumentException("database_specific.iocs." + field + ": " + e.getMessage());
                }
            }
        }
        List<Indicator> indicators = new ArrayList<>();
        for (String host : hosts) {
            indicators.add(new Indicator(osv.get("id").asText(), Indicator.Kind.DOMAIN, host, "critical",
                    osv.path("summary").asText(""), osv.hasNonNull("withdrawn"), feed));
        }
        return indicators;
    }

    /**
     * The {@code SEMVER} and {@code ECOSYSTEM} ranges of an affected item. {@code GIT} ranges are left out: whether
     * a version lies between two commits needs the repository's commit graph, which the matcher does not have
     * (OSV asks such entries to list their {@code versions} too, and those are read).
     */
    private static List<VersionRange> ranges(JsonNode ranges) {
        List<VersionRange> out = new ArrayList<>();
        for (JsonNode range : ranges) {
            Optional<VersionRange.Type> type = VersionRange.Type.ofOsv(range.path("type").asText(""));
            if (type.isEmpty()) {
                continue;
            }
            List<RangeEvent> events = new ArrayList<>();
            for (JsonNode event : range.path("events")) {
                event(event).ifPresent(events::add);
            }
            out.add(new VersionRange(type.get(), events));
        }
        return out;
    }

    /** An event object holds exactly one of introduced, fixed, last_affected and limit. */
    private static Optional<RangeEvent> event(JsonNode event) {
        for (RangeEvent.Kind kind : RangeEvent.Kind.values()) {
            JsonNode version = event.get(kind.name().toLowerCase(Locale.ROOT));
            if (version != null && version.isTextual()) {
                return Optional.of(new RangeEvent(kind, version.asText()));
            }
        }
        return Optional.empty();
    }
}
