package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * CycloneDX JSON SBOMs ({@code bom.json}, {@code *.cdx.json}), read with Jackson's streaming parser: every
 * {@code components[]} entry with a {@code purl}, including components nested inside components, mapped through
 * {@link Purl}. Not reported: {@code metadata.component} (the subject the SBOM describes, not a dependency),
 * components without a purl, and purl types with no OSV ecosystem here (github, docker, generic, ...). A component
 * that is no object, or whose {@code purl} is no string, is skipped; the rest of the SBOM is read.
 */
public final class CycloneDxParser implements DependencyParser {

    private static final String FORMAT = "CycloneDX";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return (DependencyParser.isNamed(path, "bom.json") || path.endsWith(".cdx.json"))
                && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 256);
        boolean sawFormat = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("CycloneDX: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("bomFormat") && value == JsonToken.VALUE_STRING) {
                    sawFormat = json.getText().equals("CycloneDX");
                } else if (field.equals("components") && value == JsonToken.START_ARRAY) {
                    readComponents(json, content, "components", out);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new DependencyFileException("CycloneDX: unexpected " + json.currentToken());
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException("CycloneDX: " + FileFormats.oneLine(e), e);
        }
        if (!sawFormat) {
            throw new DependencyFileException("CycloneDX: no \"bomFormat\": \"CycloneDX\"");
        }
        return out.list();
    }

    /** The components of the array at {@code path}; each is {@code path[i]} when it is skipped. */
    private static void readComponents(JsonParser json, byte[] content, String path, FileEntries out)
            throws IOException {
        JsonToken element;
        for (int i = 0; (element = json.nextToken()) != JsonToken.END_ARRAY && element != null; i++) {
            if (element != JsonToken.START_OBJECT) {
                out.skip("entry " + path + "[" + i + "]", "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("purl") && value == JsonToken.VALUE_STRING) {
                    Purl.toDependency(json.getText()).ifPresent(out::add);
                } else if (field.equals("purl")) {
                    out.skip("entry " + path + "[" + i + "]", "purl is not a string",
                            FileFormats.skipValue(json, content));
                } else if (field.equals("components") && value == JsonToken.START_ARRAY) {
                    readComponents(json, content, path + "[" + i + "].components", out);
                } else {
                    json.skipChildren();
                }
            }
        }
    }
}
