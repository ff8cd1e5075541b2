package io.iocstream.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL request that reads many files in one call, with aliases:
 * {@code r0: repository(owner: "o", name: "n") { f0: object(expression: "SHA:path") { ... on Blob { oid byteSize
 * isBinary isTruncated text } } }}, and the reading of its answer.
 */
public final class BlobQuery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLOB_FIELDS = "... on Blob { oid byteSize isBinary isTruncated text }";

    /** One file wanted: a path of a repository at a commit. */
    public record Wanted(String repo, String commit, String path) {}

    /**
     * What GraphQL said of one wanted file. {@code found} is false when the path does not exist at the commit;
     * {@code text} is null for binary blobs and cut short when {@code truncated}.
     */
    public record Blob(Wanted wanted, boolean found, String oid, long byteSize, boolean binary, boolean truncated,
            String text) {}

    private BlobQuery() {}

    /** The query document for {@code wanted}, files of one repository grouped under one alias. */
    public static String query(List<Wanted> wanted) {
        Map<String, List<Integer>> byRepo = group(wanted);
        StringBuilder query = new StringBuilder("query {");
        int r = 0;
        for (Map.Entry<String, List<Integer>> repo : byRepo.entrySet()) {
            String[] ownerName = repo.getKey().split("/", 2);
            query.append(" r").append(r++).append(": repository(owner: ").append(literal(ownerName[0]))
                    .append(", name: ").append(literal(ownerName[1])).append(") {");
            for (int i : repo.getValue()) {
                Wanted file = wanted.get(i);
                query.append(" f").append(i).append(": object(expression: ")
                        .append(literal(file.commit() + ":" + file.path())).append(") { ").append(BLOB_FIELDS)
                        .append(" }");
            }
            query.append(" }");
        }
        return query.append(" }").toString();
    }

    /** The request body GitHub's GraphQL endpoint takes. */
    public static String body(List<Wanted> wanted) {
        try {
            return JSON.writeValueAsString(Map.of("query", query(wanted)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /**
     * Reads the answer to {@link #query(List)} for the same {@code wanted}, in the same order. A repository the
     * API could not resolve makes its files not found.
     */
    public static List<Blob> read(List<Wanted> wanted, JsonNode response) {
        JsonNode data = response.path("data");
        Map<String, List<Integer>> byRepo = group(wanted);
        Blob[] blobs = new Blob[wanted.size()];
        int r = 0;
        for (List<Integer> files : byRepo.values()) {
            JsonNode repo = data.path("r" + r++);
            for (int i : files) {
                JsonNode object = repo.path("f" + i);
                blobs[i] = object.isObject() && object.has("oid")
                        ? new Blob(wanted.get(i), true, object.path("oid").asText(), object.path("byteSize").asLong(),
                                object.path("isBinary").asBoolean(), object.path("isTruncated").asBoolean(),
                                object.path("text").isTextual() ? object.path("text").asText() : null)
                        : new Blob(wanted.get(i), false, null, 0, false, false, null);
            }
        }
        return List.of(blobs);
    }

    private static Map<String, List<Integer>> group(List<Wanted> wanted) {
        Map<String, List<Integer>> byRepo = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            byRepo.computeIfAbsent(wanted.get(i).repo(), k -> new ArrayList<>()).add(i);
        }
        return byRepo;
    }

    /** A GraphQL string literal; GraphQL strings escape as JSON strings do. */
    private static String literal(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }
}
