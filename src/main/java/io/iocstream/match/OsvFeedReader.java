package io.iocstream.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.pipeline.DeadLetter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
            entries.add(new IocEntry(id, pkg.get("ecosystem").asText(), pkg.get("name").asText(), versions,
                    affectsAllVersions(affected.path("ranges")), withdrawn, "critical", feed));
        }
        return entries;
    }

    /** OSV: a range whose only event is {@code introduced: "0"} covers every version. */
    private static boolean affectsAllVersions(JsonNode ranges) {
        for (JsonNode range : ranges) {
            JsonNode events = range.path("events");
            if (events.size() == 1 && "0".equals(events.get(0).path("introduced").asText(null))) {
                return true;
            }
        }
        return false;
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
