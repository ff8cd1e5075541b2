package io.iocstream.redrive;

import io.iocstream.ingest.ParsedEvent;
import io.iocstream.ingest.PushEvent;
import io.iocstream.ingest.PushEventParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Re-drives a replay's dead letters into a world: a copy of the world (its {@code repos/} linked, its feeds copied)
 * whose {@code events.ndjson} holds only the rescans. A replay keeps no state from one run to the next, so the copy
 * does not repeat the world's events: replaying it scans each ref again from nothing, at the last commit the world's
 * events moved it to, and those refs' findings take the place of the first run's. The copy has no
 * {@code expected.jsonl}: the world's describes the whole world.
 */
public final class WorldCopy {

    private WorldCopy() {}

    /** What was written: the rescans, and the refs left out because the world's events deleted them. */
    public record Written(List<Rescan> rescans, List<Rescan> deletedRefs) {}

    public static Written write(Path world, List<Rescan> rescans, Path out) throws IOException {
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw new IllegalArgumentException("--out-world: " + out + " exists and is not empty");
        }
        Map<String, Optional<String>> lastCommits = lastCommits(world.resolve("events.ndjson"));
        List<Rescan> written = new ArrayList<>();
        List<Rescan> deleted = new ArrayList<>();
        for (Rescan rescan : rescans) {
            Optional<String> last = lastCommits.get(rescan.repo() + "\n" + rescan.ref());
            if (last == null) {
                // a ref no event moved (a listed repository): its head, as the dead letter asked
                written.add(rescan);
            } else if (last.isEmpty()) {
                deleted.add(rescan);
            } else {
                written.add(rescan.at(last.get()));
            }
        }
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("repos"), world.resolve("repos").toAbsolutePath());
        for (String feeds : List.of("iocs", "iocs-later")) {
            if (Files.isDirectory(world.resolve(feeds))) {
                copyTree(world.resolve(feeds), out.resolve(feeds));
            }
        }
        try (BufferedWriter events = Files.newBufferedWriter(out.resolve("events.ndjson"), StandardCharsets.UTF_8)) {
            for (Rescan rescan : written) {
                events.write(rescan.line());
                events.newLine();
            }
        }
        return new Written(written, deleted);
    }

    /** Each ref's commit after the world's last event that moved it; empty when that event deleted it. */
    static Map<String, Optional<String>> lastCommits(Path events) throws IOException {
        Map<String, Optional<String>> last = new HashMap<>();
        if (!Files.isRegularFile(events)) {
            return last;
        }
        try (BufferedReader reader = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                ParsedEvent parsed = PushEventParser.parse(line);
                PushEvent push = parsed.event();
                if (push == null || push.after() == null) {
                    continue;
                }
                last.put(push.repo() + "\n" + push.ref(), push.deleted() ? Optional.empty() : Optional.of(push.after()));
            }
        }
        return last;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(path -> {
                try {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
