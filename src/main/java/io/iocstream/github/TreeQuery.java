package io.iocstream.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GraphQL request that lists many commit trees in one call, nested {@link #DEPTH} levels deep:
 * {@code r0: repository(owner: "o", name: "n") { t0: object(expression: "SHA:") { ... on Tree { entries { path
 * type oid size object { ... on Tree { entries { ... } } } } } } }}. A tree with folders deeper than that comes
 * back empty, and the caller lists it through the REST API instead.
 */
public final class TreeQuery {

    /** Folder levels one query lists; lockfiles of even deep monorepos sit well within it. */
    public static final int DEPTH = 6;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tree wanted: a repository at a commit. */
    public record Wanted(String repo, String commit) {}

    private TreeQuery() {}

    public static String body(List<Wanted> wanted) {
        StringBuilder query = new StringBuilder("query {");
        for (int i = 0; i < wanted.size(); i++) {
            String[] ownerName = wanted.get(i).repo().split("/", 2);
            query.append(" r").append(i).append(": repository(owner: ").append(literal(ownerName[0]))
                    .append(", name: ").append(literal(ownerName[1])).append(") { t").append(i)
                    .append(": object(expression: ").append(literal(wanted.get(i).commit() + ":")).append(") { ")
                    .append(entries(DEPTH)).append(" } }");
        }
        query.append(" }");
        try {
            return JSON.writeValueAsString(Map.of("query", query.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static String entries(int depth) {
        String fields = "path type oid size";
        return "... on Tree { entries { " + fields + (depth > 1 ? " object { " + entries(depth - 1) + " }" : "")
                + " } }";
    }

    /**
     * The blobs of each wanted tree, in order; empty for a tree that was not found or is deeper than the query
     * reaches.
     */
    public static List<Optional<List<TreeEntry>>> read(List<Wanted> wanted, JsonNode response) {
        JsonNode data = response.path("data");
        List<Optional<List<TreeEntry>>> trees = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            JsonNode root = data.path("r" + i).path("t" + i);
            List<TreeEntry> blobs = new ArrayList<>();
            trees.add(root.isObject() && collect(root, blobs, 1) ? Optional.of(blobs) : Optional.empty());
        }
        return trees;
    }

    /** Adds the blobs under {@code tree}; false when a folder lies deeper than the query listed. */
    private static boolean collect(JsonNode tree, List<TreeEntry> blobs, int depth) {
        for (JsonNode entry : tree.path("entries")) {
            String type = entry.path("type").asText();
            if (type.equals("blob")) {
                blobs.add(new TreeEntry(entry.path("path").asText(), entry.path("oid").asText(),
                        entry.path("size").asLong(-1)));
            } else if (type.equals("tree")) {
                if (depth >= DEPTH || !entry.path("object").isObject()) {
                    return false;
                }
                if (!collect(entry.path("object"), blobs, depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String literal(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }
}
