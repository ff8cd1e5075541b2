package io.iocstream.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.core.DeadLetter;
import io.iocstream.feeds.version.RangeEvent;
import io.iocstream.feeds.version.VersionRange;
import io.iocstream.feeds.version.VersionScheme;
import io.iocstream.feeds.version.VersionSchemes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads OSV entries as ossf/malicious-packages lays them out (one JSON document per entry; {@link FeedDirectory}
 * walks the folders). Each {@code affected[]} item becomes one {@link IocEntry}; the domains and URLs an entry
 * lists under {@code database_specific.iocs} (its C2 and exfiltration hosts) become domain and URL
 * {@link Indicator}s of the same id. An item or host that cannot be used is a dead letter, and the rest of the entry
 * still loads.
 */
public final class OsvFeedReader {

    private static final int RAW_EXCERPT = 2048;

    private OsvFeedReader() {}

    /**
     * The entries, hosts and dead letters of one OSV document read from {@code file}.
     *
     * @throws IllegalArgumentException when the document is no OSV entry at all (no object, no id, no affected list)
     */
    public static FeedDirectory.Result read(JsonNode osv, FeedFile file) {
        if (osv == null || !osv.isObject()) {
            throw new IllegalArgumentException(whatItIs(osv) + ", not an OSV entry object (one entry a file)");
        }
        if (!osv.path("id").isTextual()) {
            throw new IllegalArgumentException("no 'id'");
        }
        if (!osv.path("affected").isArray()) {
            throw new IllegalArgumentException("no 'affected' list");
        }
        Reading reading = new Reading(osv.get("id").asText(), osv.hasNonNull("withdrawn"), file, advisory(osv));
        JsonNode affected = osv.get("affected");
        for (int i = 0; i < affected.size(); i++) {
            reading.affected(i, affected.get(i));
        }
        reading.hosts(osv);
        return new FeedDirectory.Result(reading.entries, reading.indicators, reading.deadLetters, reading.unsupported);
    }

    /**
     * The entry's {@code summary}, {@code aliases} and {@code references[].url}; a value of another type is left out
     * (they only inform the findings, so a malformed one costs nothing else).
     */
    static Advisory advisory(JsonNode osv) {
        List<String> aliases = new ArrayList<>();
        for (JsonNode alias : osv.path("aliases")) {
            if (alias.isTextual() && !alias.asText().isBlank()) {
                aliases.add(alias.asText());
            }
        }
        List<String> references = new ArrayList<>();
        for (JsonNode reference : osv.path("references")) {
            if (reference.path("url").isTextual() && !reference.path("url").asText().isBlank()) {
                references.add(reference.path("url").asText());
            }
        }
        JsonNode summary = osv.path("summary");
        return new Advisory(summary.isTextual() ? summary.asText() : null, aliases, references);
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
        private final Map<String, Integer> unsupported = new TreeMap<>();

        private final Advisory advisory;

        Reading(String id, boolean withdrawn, FeedFile file, Advisory advisory) {
            this.id = id;
            this.withdrawn = withdrawn;
            this.file = file;
            this.advisory = advisory;
        }

        void affected(int index, JsonNode affected) {
            String where = "affected[" + index + "]";
            JsonNode pkg = affected.path("package");
            if (!pkg.path("ecosystem").isTextual() || !pkg.path("name").isTextual()) {
                deadLetter(where + ": no package ecosystem and name", affected);
                return;
            }
            String ecosystem = pkg.get("ecosystem").asText();
            if (!FeedEcosystem.isOsvName(EcosystemNames.canonical(ecosystem))) {
                // a full OSV dump holds every ecosystem: those iocstream does not match are counted, not errors
                String osvName = OsvEcosystems.of(ecosystem);
                if (osvName != null && !FeedEcosystem.isOsvName(osvName)) {
                    unsupported.merge(osvName, 1, Integer::sum);
                } else {
                    deadLetter(where + ": ecosystem '" + shown(ecosystem) + "' is not an OSV ecosystem name;"
                            + " the item is left out", affected);
                }
                return;
            }
            String name;
            try {
                name = PackageName.check(pkg.get("name").asText());
            } catch (BadFeedRow bad) {
                deadLetter(where + ": " + bad.getMessage() + "; the item is left out", affected);
                return;
            }
            Set<String> versions = new LinkedHashSet<>();
            affected.path("versions").forEach(v -> versions.add(v.asText()));
            List<VersionRange> ranges = ranges(where, ecosystem, affected.path("ranges"));
            boolean allVersions = ranges.stream().anyMatch(VersionRange::coversEverything);
            if (versions.isEmpty() && ranges.isEmpty() && !withdrawn) {
                // a withdrawn item is kept whatever it lists: it withdraws the entry's earlier items
                deadLetter(where + ": no version or range to match (GIT ranges are not evaluated);"
                        + " the item is left out", affected);
                return;
            }
            entries.add(new IocEntry(id, ecosystem, name, versions,
                    allVersions, allVersions ? List.of() : ranges, withdrawn, "critical", file.feed(), advisory));
        }

        /**
         * The hosts listed under {@code database_specific.iocs.domains}, and the URLs under {@code .urls}, as
         * indicators: a URL with a path is a URL indicator (host and path prefix, as a CSV {@code domain} value
         * written as a URL is), so that {@code https://api.github.com/search/commits?q=x} does not fire on every
         * mention of {@code api.github.com}; a URL without one ({@code https://models.litellm.cloud/}) is its host.
         */
        void hosts(JsonNode osv) {
            JsonNode iocs = osv.path("database_specific").path("iocs");
            Map<String, Indicator.Kind> values = new LinkedHashMap<>();
            for (JsonNode value : iocs.path("domains")) {
                try {
                    values.putIfAbsent(IndicatorCsvReader.host(value.asText()), Indicator.Kind.DOMAIN);
                } catch (BadFeedRow e) {
                    deadLetter("database_specific.iocs.domains: " + e.getMessage(), value);
                }
            }
            for (JsonNode value : iocs.path("urls")) {
                try {
                    String url = IndicatorCsvReader.url(value.asText());
                    if (url != null) {
                        values.putIfAbsent(url, Indicator.Kind.URL);
                    } else {
                        values.putIfAbsent(IndicatorCsvReader.host(value.asText()), Indicator.Kind.DOMAIN);
                    }
                } catch (BadFeedRow e) {
                    deadLetter("database_specific.iocs.urls: " + e.getMessage(), value);
                }
            }
            values.forEach((value, kind) -> indicators.add(new Indicator(id, kind, value, "critical",
                    osv.path("summary").asText(""), withdrawn, file.feed())));
        }

        /**
         * The {@code SEMVER} and {@code ECOSYSTEM} ranges of an affected item. {@code GIT} ranges are left out:
         * whether a version lies between two commits needs the repository's commit graph, which the matcher does
         * not have (OSV asks such entries to list their {@code versions} too, and those are read). A range that
         * cannot be evaluated as written (an unknown type, a malformed event, a bound that is no version) is a dead
         * letter: kept, it would match nothing, or more than it says once its bad event is skipped.
         */
        private List<VersionRange> ranges(String item, String ecosystem, JsonNode ranges) {
            List<VersionRange> out = new ArrayList<>();
            for (int r = 0; r < ranges.size(); r++) {
                range(item + ".ranges[" + r + "]", ecosystem, ranges.get(r)).ifPresent(out::add);
            }
            return out;
        }

        /** One range as written; empty, and a dead letter unless it is a GIT range, when it cannot be evaluated. */
        private Optional<VersionRange> range(String where, String ecosystem, JsonNode range) {
            String typeName = range.path("type").asText("");
            Optional<VersionRange.Type> type = VersionRange.Type.ofOsv(typeName);
            if (type.isEmpty()) {
                if (!typeName.equals("GIT")) {
                    deadLetter(where + ": type '" + shown(typeName) + "' is not SEMVER, ECOSYSTEM or GIT;"
                            + " the range is left out", range);
                }
                return Optional.empty();
            }
            JsonNode written = range.path("events");
            if (written.isEmpty()) {
                deadLetter(where + ": no events; the range is left out", range);
                return Optional.empty();
            }
            boolean semver = type.get() == VersionRange.Type.SEMVER;
            VersionScheme<?> scheme = semver ? VersionSchemes.SEMVER
                    : VersionSchemes.of(EcosystemNames.canonical(ecosystem));
            List<RangeEvent> events = new ArrayList<>();
            for (int e = 0; e < written.size(); e++) {
                Optional<RangeEvent> event = event(written.get(e));
                if (event.isEmpty()) {
                    deadLetter(where + ".events[" + e + "]: not one of introduced, fixed, last_affected, limit"
                            + " with a version string; the range is left out", range);
                    return Optional.empty();
                }
                if (!isVersion(scheme, event.get())) {
                    deadLetter(where + ": " + event.get().kind().name().toLowerCase(Locale.ROOT) + " '"
                            + shown(event.get().version()) + "' is not a " + (semver ? "SemVer" : ecosystem)
                            + " version; the range is left out", range);
                    return Optional.empty();
                }
                events.add(event.get());
            }
            return Optional.of(new VersionRange(type.get(), events));
        }

        private void deadLetter(String reason, JsonNode raw) {
            String text = raw.isTextual() ? raw.asText() : raw.toString();
            deadLetters.add(new DeadLetter("feed", file.origin(), id + " " + reason,
                    text.length() > RAW_EXCERPT ? text.substring(0, RAW_EXCERPT) : text));
        }
    }

    /** An event object holds exactly one of introduced, fixed, last_affected and limit, as a string. */
    private static Optional<RangeEvent> event(JsonNode event) {
        RangeEvent found = null;
        for (RangeEvent.Kind kind : RangeEvent.Kind.values()) {
            JsonNode version = event.get(kind.name().toLowerCase(Locale.ROOT));
            if (version != null) {
                if (found != null || !version.isTextual()) {
                    return Optional.empty();
                }
                found = new RangeEvent(kind, version.asText());
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether an event's bound is a version of the scheme; {@code introduced: "0"} and {@code limit: "*"} are. */
    private static boolean isVersion(VersionScheme<?> scheme, RangeEvent event) {
        // the beginning and no limit, as RangeEvent reads them
        if (event.kind() == RangeEvent.Kind.INTRODUCED && event.version().equals("0")
                || event.kind() == RangeEvent.Kind.LIMIT && event.version().contains("*")) {
            return true;
        }
        try {
            return scheme.parse(event.version()) != null;
        } catch (RuntimeException e) {
            // VersionSchemes.tryParse's rule, which is package-private there: not a version
            return false;
        }
    }

    /** A feed's text in a one-line reason: at most 100 characters of it. */
    private static String shown(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
