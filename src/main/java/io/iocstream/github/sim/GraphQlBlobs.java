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
 * Answers GitHub's GraphQL multi-blob query, the one shape iocstream sends:
 * {@code rN: repository(owner: "o", name: "n") { fM: object(expression: "SHA:path") { ... on Blob { oid byteSize
 * isBinary isTruncated text } } }}. A repository it cannot resolve is null with an error, as on GitHub; a path
 * that is not there is a null object. Text past {@link #TEXT_LIMIT} is cut and flagged {@code isTruncated}.
 */
final class GraphQlBlobs {

    /** How much text a Blob carries before it is truncated (an assumption; GitHub does not document it). */
    static final int TEXT_LIMIT = 512 * 1024;

    private static final String STRING = "\"(?:[^\"\\\\]|\\\\.)*\"";
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
                while (object.find()) {
                    repo.set(object.group(1), blob(owner, name, unquote(object.group(2))));
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
