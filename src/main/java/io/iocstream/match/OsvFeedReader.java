package io.iocstream.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.match.version.RangeEvent;
import io.iocstream.match.version.VersionRange;
import io.iocstream.pipeline.DeadLetter;
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
 * the same id. An item or host that cannot be used is a dead letter, and the rest of the entry still loads.
 */
public final class OsvFeedReader {

    private static final int RAW_EXCERPT = 2048;

    private OsvFeedReader() {}

    /**
     * The entries, hosts and dead letters of one OSV document read from {@code file}.
     *
     * @throws IllegalArgumentException when the document is no OSV entry at all (no object, no id, no affected list)
     */
    static FeedDirectory.Result read(JsonNode osv, FeedFile file) {
        if (osv == null || !osv.isObject()) {
            throw new IllegalArgumentException(whatItIs(osv) + ", not an OSV entry object (one entry a file)");
        }
        if (!osv.path("id").isTextual()) {
            throw new IllegalArgumentException("no 'id'");
        }
        if (!osv.path("affected").isArray()) {
            throw new IllegalArgumentException("no 'affected' list");
        }
        Reading reading = new Reading(osv.get("id").asText(), osv.hasNonNull("withdrawn"), file);
        JsonNode affected = osv.get("affected");
        for (int i = 0; i < affected.size(); i++) {
            reading.affected(i, affected.get(i));
        }
        reading.hosts(osv);
        return new FeedDirectory.Result(reading.entries, reading.indicators, reading.deadLetters);
    }

    /** What a document that is no JSON object holds: {@code a JSON array}, {@code an empty file}. */
    private static String whatItIs(JsonNode document) {
        if (document == null || document.isMissingNode()) {
            return "an empty file";
        }
        return "a JSON " + document.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** One document being read: what it gave so far. */
    private static final class Reading {
        private final String id;
        private final boolean withdrawn;
        private final FeedFile file;
        private final List<IocEntry> entries = new ArrayList<>();
        private final List<Indicator> indicators = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        Reading(String id, boolean withdrawn, FeedFile file) {
            this.id = id;
            this.withdrawn = withdrawn;
            this.file = file;
        }

        void affected(int index, JsonNode affected) {
            String where = "affected[" + index + "]";
            JsonNode pkg = affected.path("package");
            if (!pkg.path("ecosystem").isTextual() || !pkg.path("name").isTextual()) {
                deadLetter(where + ": no package ecosystem and name", affected);
                return;
            }
            Set<String> versions = new LinkedHashSet<>();
            affected.path("versions").forEach(v -> versions.add(v.asText()));
            List<VersionRange> ranges = ranges(affected.path("ranges"));
            boolean allVersions = ranges.stream().anyMatch(VersionRange::coversEverything);
            entries.add(new IocEntry(id, pkg.get("ecosystem").asText(), pkg.get("name").asText(), versions,
                    allVersions, allVersions ? List.of() : ranges, withdrawn, "critical", file.feed()));
        }

        /** The hosts listed under {@code database_specific.iocs.domains} and {@code .urls}, as indicators. */
        void hosts(JsonNode osv) {
            JsonNode iocs = osv.path("database_specific").path("iocs");
            Set<String> hosts = new LinkedHashSet<>();
            for (String field : List.of("domains", "urls")) {
                for (JsonNode value : iocs.path(field)) {
                    try {
                        hosts.add(IndicatorCsvReader.host(value.asText()));
                    } catch (BadFeedRow e) {
                        deadLetter("database_specific.iocs." + field + ": " + e.getMessage(), value);
                    }
                }
            }
            for (String host : hosts) {
                indicators.add(new Indicator(id, Indicator.Kind.DOMAIN, host, "critical",
                        osv.path("summary").asText(""), withdrawn, file.feed()));
            }
        }

        private void deadLetter(String reason, JsonNode raw) {
            String text = raw.isTextual() ? raw.asText() : raw.toString();
            deadLetters.add(new DeadLetter("feed", file.path().toString(), id + " " + reason,
                    text.length() > RAW_EXCERPT ? text.substring(0, RAW_EXCERPT) : text));
        }
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
