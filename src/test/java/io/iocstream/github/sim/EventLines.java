package io.iocstream.github.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Writes the lines of a world's {@code events.ndjson}: webhook push payloads and Events API objects. */
public final class EventLines {

    private EventLines() {}

    /** A webhook push payload of {@code repo} moving {@code ref} from {@code before} to {@code after}. */
    public static String webhookPush(String repo, String ref, String before, String after) {
        return "{\"ref\":\"" + ref + "\",\"before\":\"" + before + "\",\"after\":\"" + after + "\","
                + "\"repository\":{\"id\":42,\"full_name\":\"" + repo + "\",\"private\":false},"
                + "\"pusher\":{\"name\":\"dev\"},\"sender\":{\"id\":7,\"login\":\"dev\"}}";
    }

    /** An Events API object that is not a push. */
    public static String issuesEvent(String id, String repo) {
        return "{\"id\":\"" + id + "\",\"type\":\"IssuesEvent\",\"repo\":{\"id\":42,\"name\":\"" + repo + "\"},"
                + "\"payload\":{\"action\":\"opened\"},\"public\":true,\"created_at\":\"2026-01-01T00:00:00Z\"}";
    }

    /** {@code count} pushes of {@link TestWorld#REPO}, each on its own branch {@code refs/heads/bNNN}. */
    public static List<String> pushes(int from, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            lines.add(webhookPush(TestWorld.REPO, "refs/heads/b" + i, TestWorld.C1, TestWorld.C2));
        }
        return lines;
    }

    /** Appends lines to the world's events, as a world that grows while a poller runs. */
    public static void append(Path world, List<String> lines) throws IOException {
        Files.write(world.resolve("events.ndjson"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        // some file systems keep whole-second times: a size change alone must be enough to see the growth
    }
}
