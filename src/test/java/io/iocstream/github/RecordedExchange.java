package io.iocstream.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request to api.github.com and GitHub's real answer, as @octokit/fixtures recorded them
 * (src/test/resources/github-api, attributed in SOURCES.tsv): method, path, request headers and body; status, headers
 * in the order sent, and body.
 */
public record RecordedExchange(String method, String path, Map<String, String> requestHeaders, JsonNode requestBody,
        int status, List<Map.Entry<String, String>> headers, JsonNode response) {

    private static final Path FIXTURES = Path.of("src/test/resources/github-api");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every exchange of one recorded scenario ({@code get-content}, {@code errors}, ...), in order. */
    public static List<RecordedExchange> scenario(String name) {
        try {
            List<RecordedExchange> exchanges = new ArrayList<>();
            for (JsonNode item : JSON.readTree(FIXTURES.resolve(name + ".json").toFile())) {
                Map<String, String> requestHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                item.path("reqheaders").fields().forEachRemaining(e -> requestHeaders.put(e.getKey(),
                        e.getValue().asText()));
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                JsonNode raw = item.path("rawHeaders");
                for (int i = 0; i + 1 < raw.size(); i += 2) {
                    headers.add(Map.entry(raw.get(i).asText(), raw.get(i + 1).asText()));
                }
                exchanges.add(new RecordedExchange(item.path("method").asText().toUpperCase(Locale.ROOT),
                        item.path("path").asText(), requestHeaders, item.path("body"), item.path("status").asInt(),
                        headers, item.path("response")));
            }
            return exchanges;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one exchange of {@code scenario} with this method and a path matching {@code pathPattern}. */
    public static RecordedExchange find(String scenario, String method, String pathPattern) {
        List<RecordedExchange> found = scenario(scenario).stream()
                .filter(e -> e.method().equals(method) && e.path().matches(pathPattern)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.size() + " exchanges of " + scenario + " match " + method + " "
                    + pathPattern);
        }
        return found.get(0);
    }

    /** The first value of response header {@code name}, compared without case as HTTP does. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The response header names, lower-cased. */
    public List<String> headerNames() {
        return headers.stream().map(h -> h.getKey().toLowerCase(Locale.ROOT)).toList();
    }

    /** The answer's body as GitHub sent it: JSON written out again, or the text of a raw answer. */
    public byte[] body() {
        try {
            return response.isTextual() ? response.asText().getBytes(StandardCharsets.UTF_8)
                    : response.isMissingNode() ? new byte[0] : JSON.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
