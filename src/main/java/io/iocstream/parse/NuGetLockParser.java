package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NuGet's {@code packages.lock.json}, read with Jackson's streaming parser:
 * {@code dependencies.<target framework>.<package id>} objects with {@code type} and {@code resolved}. A package
 * locked for several frameworks is reported once per version. Traps: {@code type: "Project"} entries are other
 * projects of the same solution, not packages; the nested {@code dependencies} of an entry are ranges, not
 * resolutions.
 */
public final class NuGetLockParser implements DependencyParser {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "packages.lock.json") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        Set<Dependency> out = new LinkedHashSet<>();
        boolean sawDependencies = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("packages.lock.json: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
                    sawDependencies = true;
                    readFrameworks(json, out);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new DependencyFileException("packages.lock.json: unexpected " + json.currentToken());
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException("packages.lock.json: " + FileFormats.oneLine(e), e);
        }
        if (!sawDependencies) {
            throw new DependencyFileException("packages.lock.json: no dependencies object");
        }
        return new ArrayList<>(out);
    }

    private static void readFrameworks(JsonParser json, Set<Dependency> out) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String id = json.currentName();
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    json.skipChildren();
                    continue;
                }
                String type = null;
                String resolved = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                        type = json.getText();
                    } else if (field.equals("resolved") && value == JsonToken.VALUE_STRING) {
                        resolved = json.getText();
                    } else {
                        json.skipChildren();
                    }
                }
                // resolved is the version as written; requested is a range such as [1.2.3, )
                if (resolved != null && !resolved.isEmpty() && !"Project".equalsIgnoreCase(type)) {
                    out.add(new Dependency("NuGet", id, resolved));
                }
            }
        }
    }
}
