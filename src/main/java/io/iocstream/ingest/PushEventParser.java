package io.iocstream.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one raw event — a webhook {@code push} payload, an Events API {@code PushEvent}, a GH Archive line, a
 * webhook {@code repository} event, an Events API {@code CreateEvent} of a repository or {@code PublicEvent}, or an
 * {@code {"iocstream": "baseline"}} request — into a {@link PushEvent}.
 * Never throws: anything that is not a usable push comes back rejected with a reason; a repository event that
 * asks for no scan comes back ignored.
 */
public final class PushEventParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    /** Events API (and GH Archive) event ids are decimal numbers. */
    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,20}");
    private static final String BRANCH_PREFIX = "refs/heads/";

    /** The actions of GitHub's webhook {@code repository} event. */
    private static final Set<String> REPOSITORY_ACTIONS = Set.of("created", "deleted", "archived", "unarchived",
            "edited", "renamed", "transferred", "publicized", "privatized");
    /** Those that bring a repository into view under its name: its default branch gets a baseline. */
    private static final Set<String> BASELINE_ACTIONS = Set.of("created", "renamed", "transferred", "publicized");
    /** The Events API types that create a repository or make one public, read as the webhook event is. */
    private static final Set<String> REPOSITORY_EVENT_TYPES = Set.of("CreateEvent", "PublicEvent");
    /** The branch a {@code PublicEvent} that names none is taken to have: GitHub's default for new repositories. */
    private static final String DEFAULT_BRANCH = "main";
    /** Every top-level field a {@code repository} event body has; other events carry an object of their own. */
    private static final Set<String> REPOSITORY_EVENT_FIELDS = Set.of("action", "repository", "changes", "sender",
            "organization", "installation", "enterprise");

    private PushEventParser() {}

    public static ParsedEvent parse(String line) {
        if (line == null || line.isBlank()) {
            return ParsedEvent.rejected("empty line");
        }
        String undecodable = Utf8LineFormat.undecodable(line);
        if (undecodable != null) {
            return ParsedEvent.rejected("not valid UTF-8: " + undecodable);
        }
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return ParsedEvent.rejected("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return ParsedEvent.rejected("not a JSON object");
        }
        try {
            if (root.has("iocstream")) {
                return baselineRequest(root);
            }
            if (root.has("type") && root.has("payload")) {
                return eventsApi(root);
            }
            if (isRepositoryEvent(root)) {
                return repositoryEvent(root);
            }
            return webhook(root);
        } catch (RejectedException e) {
            return ParsedEvent.rejected(e.getMessage());
        }
    }

    private static ParsedEvent webhook(JsonNode root) throws RejectedException {
        if (!root.has("ref") && !root.has("after") && !root.has("before")) {
            return ParsedEvent.rejected("not a push event: neither a webhook push payload nor an Events API object");
        }
        String ref = ref(root, "ref");
        String before = sha(root, "before");
        String after = sha(root, "after");
        String repo = repo(root.path("repository").path("full_name"), "repository.full_name");
        JsonNode commitsNode = root.path("commits");
        if (!commitsNode.isMissingNode() && !commitsNode.isNull() && !commitsNode.isArray()) {
            throw new RejectedException("not a push event: 'commits' is not an array");
        }
        List<PushCommit> commits = new ArrayList<>();
        for (JsonNode commit : commitsNode) {
            commits.add(new PushCommit(sha(commit, "id", "commits[" + commits.size() + "].id"),
                    paths(commit, "added"), paths(commit, "removed"), paths(commit, "modified")));
        }
        boolean created = root.path("created").asBoolean(before.equals(PushEvent.ZERO_SHA));
        boolean deleted = root.path("deleted").asBoolean(after.equals(PushEvent.ZERO_SHA));
        return ParsedEvent.accepted(new PushEvent(webhookId(repo, ref, before, after), PushOrigin.WEBHOOK, repo,
                ref, before, after, created, deleted, root.path("forced").asBoolean(false), commits,
                webhookStamp(root)));
    }

    private static ParsedEvent eventsApi(JsonNode root) throws RejectedException {
        String type = root.path("type").asText("");
        if (!type.equals("PushEvent") && !REPOSITORY_EVENT_TYPES.contains(type)) {
            return ParsedEvent.rejected("unsupported event type: " + (type.isEmpty() ? "(none)" : type));
        }
        JsonNode payload = root.path("payload");
        String id = text(root, "id");
        if (!EVENT_ID.matcher(id).matches()) {
            throw new RejectedException("malformed event id in 'id': " + abbreviate(id));
        }
        if (!type.equals("PushEvent")) {
            return repositoryEventsApi(root, type, id);
        }
        String repo = repo(root.path("repo").path("name"), "repo.name");
        String ref = ref(payload, "ref");
        String before = sha(payload, "before");
        String head = sha(payload, "head");
        String actor = optionalText(root.path("actor").path("login"));
        return ParsedEvent.accepted(new PushEvent(id, PushOrigin.EVENTS_API, repo, ref, before, head,
                before.equals(PushEvent.ZERO_SHA), head.equals(PushEvent.ZERO_SHA), false, null,
                new PushStamp(actor, actor, time(root.path("created_at")))));
    }

    /**
     * {@code {"iocstream": "baseline", "repository": "o/r", "ref": "refs/heads/main", "commit": SHA}}: scan the ref's
     * whole tree at the commit; without a commit, at the branch's head when the scan is listed. A baseline is planned
     * only for a ref never scanned; {@code "iocstream": "rescan"}, the same otherwise, is planned whatever was scanned.
     */
    private static ParsedEvent baselineRequest(JsonNode root) throws RejectedException {
        String request = root.path("iocstream").asText("");
        if (!request.equals("baseline") && !request.equals("rescan")) {
            throw new RejectedException("unknown iocstream request: '" + abbreviate(request)
                    + "' (only 'baseline' and 'rescan')");
        }
        String repo = repo(root.path("repository"), "repository");
        String ref = ref(root, "ref");
        String commit = root.hasNonNull("commit") ? sha(root, "commit") : null;
        if (commit == null && !ref.startsWith(BRANCH_PREFIX)) {
            // a branch's head is one lookup; a tag may point at a tag object, not a commit
            throw new RejectedException("a " + request + " without 'commit' must name a branch (refs/heads/...), not: "
                    + abbreviate(ref));
        }
        if (request.equals("rescan")) {
            return ParsedEvent.accepted(PushEvent.rescan(digest("rescan\n" + repo + "\n" + ref + "\n"
                    + (commit == null ? "head" : commit)), repo, ref, commit));
        }
        return ParsedEvent.accepted(PushEvent.baseline(baselineId(repo, ref, commit), repo, ref, commit));
    }

    private static boolean isRepositoryEvent(JsonNode root) {
        if (!root.path("action").isTextual() || !REPOSITORY_ACTIONS.contains(root.path("action").asText())
                || !root.path("repository").isObject()) {
            return false;
        }
        for (var fields = root.fieldNames(); fields.hasNext(); ) {
            if (!REPOSITORY_EVENT_FIELDS.contains(fields.next())) {
                return false;
            }
        }
        return true;
    }

    /** A webhook {@code repository} event: a baseline of the default branch at its head, or nothing to scan. */
    private static ParsedEvent repositoryEvent(JsonNode root) throws RejectedException {
        String action = root.path("action").asText();
        if (!BASELINE_ACTIONS.contains(action)) {
            return ParsedEvent.ignored("repository event '" + action + "'");
        }
        JsonNode repository = root.path("repository");
        String repo = repo(repository.path("full_name"), "repository.full_name");
        String branch = text(repository, "default_branch", "repository.default_branch");
        String ref = BRANCH_PREFIX + branch;
        String violation = GitRefName.violation(ref);
        if (violation != null) {
            throw new RejectedException("invalid default branch in 'repository.default_branch': " + violation
                    + " (git check-ref-format): " + abbreviate(branch));
        }
        return ParsedEvent.accepted(PushEvent.baseline(baselineId(repo, ref, null), repo, ref, null,
                new PushStamp(null, optionalText(root.path("sender").path("login")),
                        time(repository.path("pushed_at")), action, description(repository.path("description")))));
    }

    /**
     * An Events API {@code CreateEvent} of a repository ({@code ref_type: repository}, its default branch in
     * {@code master_branch}, its description in {@code description}) or a {@code PublicEvent} (a repository made
     * public; GitHub's payload is empty, so a {@code default_branch} is read where a line carries one, in
     * {@code repo} or {@code payload.repository}, and {@code main} is assumed otherwise): a baseline
     * of the default branch that judges the repository as a worm marker, as the webhook event does. A
     * {@code CreateEvent} of a branch or tag asks for nothing: its push event does.
     */
    private static ParsedEvent repositoryEventsApi(JsonNode root, String type, String id) throws RejectedException {
        JsonNode payload = root.path("payload");
        String repo = repo(root.path("repo").path("name"), "repo.name");
        String action;
        String branch;
        String description;
        if (type.equals("CreateEvent")) {
            if (!"repository".equals(payload.path("ref_type").asText())) {
                return ParsedEvent.ignored("CreateEvent of a " + abbreviate(payload.path("ref_type").asText("ref")));
            }
            action = "created";
            branch = text(payload, "master_branch", "payload.master_branch");
            description = description(payload.path("description"));
        } else {
            action = "publicized";
            branch = optionalText(root.path("repo").path("default_branch"));
            branch = branch != null ? branch : optionalText(payload.path("repository").path("default_branch"));
            branch = branch != null ? branch : DEFAULT_BRANCH;
            description = description(payload.path("repository").path("description"));
        }
        String ref = BRANCH_PREFIX + branch;
        String violation = GitRefName.violation(ref);
        if (violation != null) {
            throw new RejectedException("invalid default branch of '" + type + "': " + violation
                    + " (git check-ref-format): " + abbreviate(branch));
        }
        String actor = optionalText(root.path("actor").path("login"));
        return ParsedEvent.accepted(PushEvent.baseline(id, repo, ref, null,
                new PushStamp(actor, actor, time(root.path("created_at")), action, description)));
    }

    /** A repository's description: any non-blank text, at most 1,000 characters (GitHub's own cap is 350). */
    private static String description(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText().strip();
        return text.length() > 1_000 ? text.substring(0, 1_000) : text;
    }

    /**
     * Who pushed and when, from a webhook push: {@code pusher.name}, {@code sender.login}, and GitHub's time of the
     * push ({@code repository.pushed_at}, epoch seconds in push payloads), else the head commit's own timestamp.
     */
    private static PushStamp webhookStamp(JsonNode root) {
        String pushedAt = time(root.path("repository").path("pushed_at"));
        if (pushedAt == null) {
            pushedAt = time(root.path("head_commit").path("timestamp"));
        }
        return new PushStamp(optionalText(root.path("pusher").path("name")),
                optionalText(root.path("sender").path("login")), pushedAt);
    }

    /** A non-blank string field, at most 255 characters and one line, else null: an extra never rejects a push. */
    private static String optionalText(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 255
                || value.asText().chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return value.asText();
    }

    /**
     * A time GitHub writes as epoch seconds or RFC 3339 (with any offset), as RFC 3339 in UTC; null when absent or
     * not a time.
     */
    private static String time(JsonNode value) {
        try {
            if (value.isIntegralNumber()) {
                return Instant.ofEpochSecond(value.asLong()).toString();
            }
            if (value.isTextual()) {
                return OffsetDateTime.parse(value.asText()).toInstant().toString();
            }
        } catch (DateTimeException e) {
            // a time that is not one is left out: it only enriches the findings
        }
        return null;
    }

    private static String text(JsonNode node, String field) throws RejectedException {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String where) throws RejectedException {
        JsonNode value = node.path(field);
        if (!value.isTextual() && !value.isNumber() || value.asText().isBlank()) {
            throw new RejectedException("missing field '" + where + "'");
        }
        return value.asText();
    }

    private static String sha(JsonNode node, String field) throws RejectedException {
        return sha(node, field, field);
    }

    private static String sha(JsonNode node, String field, String where) throws RejectedException {
        String value = text(node, field, where);
        if (!SHA.matcher(value).matches()) {
            throw new RejectedException("malformed sha in '" + where + "': " + abbreviate(value));
        }
        return value;
    }

    private static String ref(JsonNode node, String field) throws RejectedException {
        String value = text(node, field);
        String violation = GitRefName.violation(value);
        if (violation != null) {
            throw new RejectedException("invalid ref in '" + field + "': " + violation + " (git check-ref-format): "
                    + abbreviate(value));
        }
        return value;
    }

    private static String repo(JsonNode node, String field) throws RejectedException {
        if (!node.isTextual()) {
            throw new RejectedException("missing field '" + field + "'");
        }
        String violation = RepoFullName.violation(node.asText());
        if (violation != null) {
            throw new RejectedException("malformed repository name in '" + field + "': " + violation + ": "
                    + abbreviate(node.asText()));
        }
        return node.asText();
    }

    private static List<String> paths(JsonNode commit, String field) {
        List<String> paths = new ArrayList<>();
        for (JsonNode path : commit.path(field)) {
            if (path.isTextual()) {
                paths.add(path.asText());
            }
        }
        return paths;
    }

    /** Webhook payloads carry no id of their own; the delivery is identified by what it moved. */
    private static String webhookId(String repo, String ref, String before, String after) {
        return digest(repo + "\n" + ref + "\n" + before + "\n" + after);
    }

    private static String baselineId(String repo, String ref, String commit) {
        return digest("baseline\n" + repo + "\n" + ref + "\n" + (commit == null ? "head" : commit));
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** At most 60 characters of {@code value}, control characters escaped, so that a reason stays one line. */
    private static String abbreviate(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        StringBuilder printable = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                printable.append(String.format("\\u%04X", c));
            } else {
                printable.appendCodePoint(c);
            }
        });
        return printable.toString();
    }

    /** A reason to reject, carried out of the field readers. */
    private static final class RejectedException extends Exception {
        RejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
