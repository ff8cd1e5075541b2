package io.iocstream.github.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code GET /orgs/ORG/events} lists for a world: every push of {@code events.ndjson} as an Events API
 * object (webhook payloads are converted, Events API lines kept), newest first, at most 300 as on GitHub.
 * The file is read again whenever its size or modification time changes, so a running poller sees the world grow.
 */
final class OrgEventFeed {

    /** GitHub lists at most this many events of an org, whatever the page size. */
    static final int MAX_EVENTS = 300;
    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 100;
    /** Ids given to lines that carry none: large like GitHub's, and stable while the file only grows. */
    static final long SYNTHETIC_ID_BASE = 40_000_000_000L;

    /** One page of events, or why there is none. */
    record Page(int status, byte[] body, String etag, String link) {}

    private final Path eventsFile;
    private final Path reposRoot;
    private final String baseUrl;
    private final ObjectMapper json;
    private List<ObjectNode> events = List.of();
    private long readSize = -1;
    private FileTime readModified;

    OrgEventFeed(Path world, String baseUrl, ObjectMapper json) {
        this.eventsFile = world.resolve("events.ndjson");
        this.reposRoot = world.resolve("repos");
        this.baseUrl = baseUrl;
        this.json = json;
    }

    /** Page {@code page} (from 1) of the org's events with {@code perPage} a page; status 404 or 422 when refused. */
    Page page(String org, int page, int perPage) throws IOException {
        List<ObjectNode> listed = listed(org);
        if (!WorldRepos.isSafeSegment(org) || listed.isEmpty() && !Files.isDirectory(reposRoot.resolve(org))) {
            return new Page(404, null, null, null);
        }
        int size = Math.max(1, Math.min(perPage, MAX_PER_PAGE));
        int first = (Math.max(page, 1) - 1) * size;
        if (first >= MAX_EVENTS) {
            // GitHub's answer to paging past the 300 events it keeps
            return new Page(422, null, null, null);
        }
        ArrayNode body = json.createArrayNode();
        listed.subList(Math.min(first, listed.size()), Math.min(first + size, listed.size())).forEach(body::add);
        byte[] bytes = json.writeValueAsBytes(body);
        int lastPage = Math.max(1, (listed.size() + size - 1) / size);
        return new Page(200, bytes, etag(bytes), link(org, Math.max(page, 1), lastPage, size));
    }

    /** The org's events, newest first, capped. */
    private synchronized List<ObjectNode> listed(String org) throws IOException {
        reloadIfChanged();
        List<ObjectNode> mine = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && mine.size() < MAX_EVENTS; i--) {
            String repo = events.get(i).path("repo").path("name").asText("");
            if (repo.toLowerCase(Locale.ROOT).startsWith(org.toLowerCase(Locale.ROOT) + "/")) {
                mine.add(events.get(i));
            }
        }
        return mine;
    }

    private void reloadIfChanged() throws IOException {
        if (!Files.isRegularFile(eventsFile)) {
            events = List.of();
            return;
        }
        long size = Files.size(eventsFile);
        FileTime modified = Files.getLastModifiedTime(eventsFile);
        if (size == readSize && modified.equals(readModified)) {
            return;
        }
        List<ObjectNode> read = new ArrayList<>();
        List<String> lines = Files.readAllLines(eventsFile, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            event(lines.get(i), i).ifPresent(read::add);
        }
        events = read;
        readSize = size;
        readModified = modified;
    }

    /** The line as GitHub would list it; empty for a line GitHub could never have produced. */
    private Optional<ObjectNode> event(String line, int index) {
        JsonNode root;
        try {
            root = line.isBlank() ? null : json.readTree(line);
        } catch (IOException malformed) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String syntheticId = Long.toString(SYNTHETIC_ID_BASE + index + 1);
        if (root.has("type") && root.path("repo").path("name").isTextual()) {
            ObjectNode event = ((ObjectNode) root).deepCopy();
            if (!event.path("id").isTextual()) {
                event.put("id", syntheticId);
            }
            if (!event.path("created_at").isTextual()) {
                event.put("created_at", Instant.EPOCH.plusSeconds(index).toString());
            }
            return Optional.of(event);
        }
        return pushEvent(root, syntheticId, index);
    }

    /** A webhook push payload as the Events API lists it since 2025-10: no commits, only ref, head and before. */
    private Optional<ObjectNode> pushEvent(JsonNode hook, String id, int index) {
        JsonNode repository = hook.path("repository");
        String fullName = repository.path("full_name").asText("");
        if (!hook.path("ref").isTextual() || !hook.path("before").isTextual() || !hook.path("after").isTextual()
                || fullName.indexOf('/') < 1) {
            return Optional.empty();
        }
        ObjectNode event = json.createObjectNode();
        event.put("id", id);
        event.put("type", "PushEvent");
        ObjectNode actor = event.putObject("actor");
        actor.put("id", hook.path("sender").path("id").asLong(0));
        String login = hook.path("sender").path("login").asText(hook.path("pusher").path("name").asText("ghost"));
        actor.put("login", login);
        actor.put("display_login", login);
        actor.put("url", baseUrl + "/users/" + login);
        ObjectNode repo = event.putObject("repo");
        repo.put("id", repository.path("id").asLong(0));
        repo.put("name", fullName);
        repo.put("url", baseUrl + "/repos/" + fullName);
        ObjectNode payload = event.putObject("payload");
        payload.put("repository_id", repository.path("id").asLong(0));
        payload.put("push_id", SYNTHETIC_ID_BASE / 2 + index + 1);
        payload.put("ref", hook.get("ref").asText());
        payload.put("head", hook.get("after").asText());
        payload.put("before", hook.get("before").asText());
        event.put("public", !repository.path("private").asBoolean(false));
        event.put("created_at", createdAt(hook, index));
        String owner = fullName.substring(0, fullName.indexOf('/'));
        ObjectNode org = event.putObject("org");
        org.put("id", hook.path("organization").path("id").asLong(repository.path("owner").path("id").asLong(0)));
        org.put("login", owner);
        org.put("url", baseUrl + "/orgs/" + owner);
        return Optional.of(event);
    }

    private static String createdAt(JsonNode hook, int index) {
        try {
            return OffsetDateTime.parse(hook.path("head_commit").path("timestamp").asText("")).toInstant().toString();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH.plusSeconds(index).toString();
        }
    }

    private String link(String org, int page, int lastPage, int perPage) {
        String url = baseUrl + "/orgs/" + org + "/events?per_page=" + perPage + "&page=";
        List<String> rels = new ArrayList<>();
        if (page < lastPage) {
            rels.add("<" + url + (page + 1) + ">; rel=\"next\"");
            rels.add("<" + url + lastPage + ">; rel=\"last\"");
        }
        if (page > 1) {
            rels.add("<" + url + 1 + ">; rel=\"first\"");
            rels.add("<" + url + (page - 1) + ">; rel=\"prev\"");
        }
        return rels.isEmpty() ? null : String.join(", ", rels);
    }

    // GitHub's events ETags are weak validators of the body
    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
