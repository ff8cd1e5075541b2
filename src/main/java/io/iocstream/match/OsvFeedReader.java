package io.iocstream.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.match.version.RangeEvent;
import io.iocstream.match.version.VersionRange;
import io.iocstream.pipeline.DeadLetter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a directory of OSV entries laid out as ossf/malicious-packages does (one JSON file per entry, any
 * depth). Each {@code affected[]} item becomes one {@link IocEntry}. A file that cannot be read is a dead letter.
 */
public final class OsvFeedReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a feed directory held. */
    public record Result(List<IocEntry> entries, List<DeadLetter> deadLetters) {}

    private OsvFeedReader() {}

    public static Result read(Path dir) throws IOException {
        List<IocEntry> entries = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String feed = dir.relativize(file).toString().replace('\\', '/');
            try {
                entries.addAll(entries(JSON.readTree(file.toFile()), feed));
            } catch (IOException | IllegalArgumentException e) {
                deadLetters.add(new DeadLetter("feed", file.toString(), "unreadable OSV entry: " + firstLine(e),
                        excerpt(file)));
            }
        }
        return new Result(entries, deadLetters);
    }

    /** The entries of one OSV document; {@code feed} names where it came from. */
    static List<IocEntry> entries(JsonNode osv, String feed) {
        if (osv == null || !osv.isObject() || !osv.path("id").isTextual()) {
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

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String excerpt(Path file) {
        try {
            String text = Files.readString(file);
            return text.length() > 2048 ? text.substring(0, 2048) : text;
        } catch (IOException e) {
            return "";
        }
    }
}
