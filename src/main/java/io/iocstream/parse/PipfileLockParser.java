package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Pipenv's {@code Pipfile.lock}, read with Jackson's streaming parser. Every top-level object except
 * {@code _meta} is a package category ({@code default}, {@code develop}, and the custom categories of newer
 * Pipenv), mapping names to {@code {"version": "==1.2.3", ...}}. Traps: the version carries its {@code ==}
 * operator, and git, path and file entries have no {@code version} at all; those are not reported. A package that
 * is no object, or whose {@code version} is no string, is skipped; the rest of the file is read.
 */
public final class PipfileLockParser implements DependencyParser {

    private static final String FORMAT = "Pipfile.lock";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "Pipfile.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 512);
        // a package in default and in develop is a runtime one wherever default stands in the file (JSON key order
        // means nothing): other categories are read aside and added after default, whose entries then win
        FileEntries others = new FileEntries(FORMAT, skipped, content.length / 512);
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("Pipfile.lock: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (!field.equals("_meta") && value == JsonToken.START_OBJECT) {
                    readCategory(json, content, field, field.equals("default") ? out : others);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new DependencyFileException("Pipfile.lock: unexpected " + json.currentToken());
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException("Pipfile.lock: " + FileFormats.oneLine(e), e);
        }
        others.list().forEach(out::add);
        return out.list();
    }

    /** The packages of {@code category}; each is {@code category.name} when it is skipped. */
    private static void readCategory(JsonParser json, byte[] content, String category, FileEntries out)
            throws IOException {
        // the file says which packages are for development only
        String scope = switch (category) {
            case "default" -> Dependency.RUNTIME;
            case "develop" -> Dependency.DEV;
            default -> null; // a custom category says nothing of runtime or development
        };
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            int line = json.currentTokenLocation().getLineNr();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                out.skip("entry " + category + "." + name, "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            String version = null;
            String wrongVersion = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("version") && value == JsonToken.VALUE_STRING) {
                    version = json.getText();
                } else if (field.equals("version")) {
                    wrongVersion = FileFormats.skipValue(json, content);
                } else {
                    json.skipChildren();
                }
            }
            if (wrongVersion != null) {
                out.skip("entry " + category + "." + name, "version is not a string", wrongVersion);
                continue;
            }
            if (version != null && version.startsWith("==") && !version.startsWith("===")) {
                // the == operator and blanks are not part of the version
                String pinned = version.substring(2).strip();
                if (!pinned.isEmpty() && !pinned.contains("*")) {
                    out.add(new Dependency("PyPI", name, pinned).atLine(line).as(scope, null));
                }
            }
        }
    }
}
