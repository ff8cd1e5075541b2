package io.iocstream.github.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the two GraphQL shapes iocstream sends: many blobs,
 * {@code rN: repository(owner: "o", name: "n") { fM: object(expression: "SHA:path") { ... on Blob { oid byteSize
 * isBinary isTruncated text } } }}, and many root trees, {@code object(expression: "SHA:")} with
 * {@code entries { path type oid size object { ... } }} nested as deep as the query asks. A repository it cannot resolve is null with an error, as on GitHub; a path
 * that is not there is a null object. Text past {@link #TEXT_LIMIT} is cut and flagged {@code isTruncated}.
 */
final class GraphQlBlobs {

    /** How much text a Blob carries before it is truncated (an assumption; GitHub does not document it). */
    static final int TEXT_LIMIT = 512 * 1024;

    // possessive: Java matches it in a loop, where a plain * recursed once per character and overflowed the stack
    private static final String STRING = "\"(?:[^\"\\\\]|\\\\.)*+\"";
    private static final Pattern REPOSITORY = Pattern.compile(
            "(\\w+)\\s*:\\s*repository\\(\\s*owner\\s*:\\s*(" + STRING + ")\\s*,\\s*name\\s*:\\s*(" + STRING + ")\\s*\\)");
    private static final Pattern OBJECT = Pattern.compile(
            "(\\w+)\\s*:\\s*object\\(\\s*expression\\s*:\\s*(" + STRING + ")\\s*\\)");

    private final WorldRepos repos;
    private final ObjectMapper json;

    GraphQlBlobs(WorldRepos repos, ObjectMapper json) {
        this.repos = repos;
        this.json = json;
    }

    /** The response document, or empty when the request is not a query of this shape. */
    Optional<ObjectNode> answer(byte[] requestBody) throws IOException {
        JsonNode request = json.readTree(requestBody);
        String query = request == null ? null : request.path("query").asText(null);
        if (query == null) {
            return Optional.empty();
        }
        ObjectNode response = json.createObjectNode();
        ObjectNode data = response.putObject("data");
        ArrayNode errors = json.createArrayNode();
        Matcher repository = REPOSITORY.matcher(query);
        int start = repository.find() ? repository.start() : -1;
        if (start < 0) {
            return Optional.empty();
        }
        while (start >= 0) {
            String alias = repository.group(1);
            String owner = unquote(repository.group(2));
            String name = unquote(repository.group(3));
            int end = repository.find() ? repository.start() : query.length();
            int next = end < query.length() ? end : -1;
            if (!repos.repositoryExists(owner, name)) {
                data.putNull(alias);
                errors.addObject().put("type", "NOT_FOUND").put("message",
                        "Could not resolve to a Repository with the name '" + owner + "/" + name + "'.")
                        .putArray("path").add(alias);
            } else {
                ObjectNode repo = data.putObject(alias);
                Matcher object = OBJECT.matcher(query).region(start, end);
                int objectStart = object.find() ? object.start() : -1;
                while (objectStart >= 0) {
                    String field = object.group(1);
                    String expression = unquote(object.group(2));
                    int objectEnd = object.find() ? object.start() : end;
                    repo.set(field, expression.endsWith(":")
                            ? tree(owner, name, expression.substring(0, expression.length() - 1),
                                    depth(query.substring(objectStart, objectEnd)))
                            : blob(owner, name, expression));
                    objectStart = objectEnd < end ? objectEnd : -1;
                }
            }
            start = next;
        }
        if (!errors.isEmpty()) {
            response.set("errors", errors);
        }
        return Optional.of(response);
    }

    private JsonNode blob(String owner, String name, String expression) throws IOException {
        int colon = expression.indexOf(':');
        if (colon <= 0) {
            return json.nullNode();
        }
        Optional<Path> file = repos.commitDir(owner, name, expression.substring(0, colon))
                .flatMap(dir -> repos.entry(dir, expression.substring(colon + 1)))
                .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS));
        if (file.isEmpty()) {
            return json.nullNode();
        }
        long size = Files.size(file.get());
        byte[] head;
        try (InputStream in = Files.newInputStream(file.get())) {
            head = in.readNBytes(TEXT_LIMIT);
        }
        boolean binary = isBinary(head);
        boolean truncated = size > TEXT_LIMIT;
        ObjectNode blob = json.createObjectNode();
        blob.put("oid", repos.blobSha(file.get()));
        blob.put("byteSize", size);
        blob.put("isBinary", binary);
        blob.put("isTruncated", truncated);
        if (binary) {
            blob.putNull("text");
        } else {
            blob.put("text", new String(head, StandardCharsets.UTF_8));
        }
        return blob;
    }

    /** A commit's root tree, listed {@code depth} folder levels deep, as the query's nesting asks. */
    private JsonNode tree(String owner, String name, String commit, int depth) throws IOException {
        Optional<CommitTree> tree = repos.tree(owner, name, commit);
        if (tree.isEmpty()) {
            return json.nullNode();
        }
        java.util.Map<String, java.util.List<CommitTree.Entry>> children = new java.util.HashMap<>();
        for (CommitTree.Entry entry : tree.get().entries()) {
            int slash = entry.path().lastIndexOf('/');
            children.computeIfAbsent(slash < 0 ? "" : entry.path().substring(0, slash),
                    k -> new java.util.ArrayList<>()).add(entry);
        }
        return entries("", children, depth);
    }

    private ObjectNode entries(String dir, java.util.Map<String, java.util.List<CommitTree.Entry>> children,
            int depth) {
        ObjectNode tree = json.createObjectNode();
        ArrayNode entries = tree.putArray("entries");
        for (CommitTree.Entry entry : children.getOrDefault(dir, java.util.List.of())) {
            ObjectNode node = entries.addObject().put("path", entry.path()).put("type", entry.tree() ? "tree" : "blob")
                    .put("oid", entry.sha());
            if (entry.tree()) {
                node.putNull("size");
                if (depth > 1) {
                    node.set("object", entries(entry.path(), children, depth - 1));
                }
            } else {
                node.put("size", entry.size());
            }
        }
        return tree;
    }

    /**
     * What an answer's {@code data} holds, for the cost model: {objects, tree entries}, where each repository and each
     * blob is an object and each entry of a tree listed, at any depth, a tree entry.
     */
    static long[] objectsAndEntries(JsonNode data) {
        long objects = 0;
        long entries = 0;
        for (JsonNode repo : data) {
            if (!repo.isObject()) {
                continue;
            }
            objects++;
            for (JsonNode object : repo) {
                if (object.has("entries")) {
                    entries += entries(object);
                } else if (object.isObject()) {
                    objects++;
                }
            }
        }
        return new long[] {objects, entries};
    }

    private static long entries(JsonNode tree) {
        long count = 0;
        for (JsonNode entry : tree.path("entries")) {
            count += 1 + (entry.path("object").isObject() ? entries(entry.path("object")) : 0);
        }
        return count;
    }

    /** How many levels of {@code entries} the query asks for in one object's selection. */
    private static int depth(String selection) {
        int depth = 0;
        for (int at = selection.indexOf("entries"); at >= 0; at = selection.indexOf("entries", at + 1)) {
            depth++;
        }
        return depth;
    }

    /** git's rule of thumb: a NUL byte in the first 8000 bytes makes a file binary. */
    private static boolean isBinary(byte[] head) {
        for (int i = 0; i < Math.min(head.length, 8000); i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private String unquote(String literal) throws IOException {
        return json.readValue(literal, String.class);
    }
}
