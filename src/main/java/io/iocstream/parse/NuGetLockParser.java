package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * NuGet's {@code packages.lock.json}, read with Jackson's streaming parser:
 * {@code dependencies.<target framework>.<package id>} objects with {@code type} and {@code resolved}. A package
 * locked for several frameworks is reported once per version. Traps: {@code type: "Project"} entries are other
 * projects of the same solution, not packages; the nested {@code dependencies} of an entry are ranges, not
 * resolutions. A framework or package that is no object, or a package whose {@code type} or {@code resolved} is no
 * string, is skipped; the rest of the file is read.
 */
public final class NuGetLockParser implements DependencyParser {

    private static final String FORMAT = "packages.lock.json";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "packages.lock.json") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 256);
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
                    readFrameworks(json, content, out);
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
        return out.list();
    }

    /** Each framework's packages; a package is {@code framework.id} when it is skipped. */
    private static void readFrameworks(JsonParser json, byte[] content, FileEntries out) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String framework = json.currentName();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                out.skip("entry " + framework, "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String id = json.currentName();
                int line = json.currentTokenLocation().getLineNr();
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    out.skip("entry " + framework + "." + id, "not an object", FileFormats.skipValue(json, content));
                    continue;
                }
                String type = null;
                String resolved = null;
                String wrongField = null;
                String wrongValue = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    if (value != JsonToken.VALUE_STRING && (field.equals("type") || field.equals("resolved"))) {
                        wrongField = field;
                        wrongValue = FileFormats.skipValue(json, content);
                    } else if (field.equals("type")) {
                        type = json.getText();
                    } else if (field.equals("resolved")) {
                        resolved = json.getText();
                    } else {
                        json.skipChildren();
                    }
                }
                if (wrongField != null) {
                    out.skip("entry " + framework + "." + id, wrongField + " is not a string", wrongValue);
                    continue;
                }
                // resolved is the version as written; requested is a range such as [1.2.3, )
                if (resolved != null && !resolved.isEmpty() && !"Project".equalsIgnoreCase(type)) {
                    // "Direct" (the project references it) or "Transitive", as NuGet writes them
                    String relationship = "Direct".equalsIgnoreCase(type) ? Dependency.DIRECT
                            : "Transitive".equalsIgnoreCase(type) ? Dependency.TRANSITIVE : null;
                    out.add(new Dependency("NuGet", id, resolved).atLine(line).as(null, relationship));
                }
            }
        }
    }
}
