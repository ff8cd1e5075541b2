package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * SPDX 2.x JSON SBOMs ({@code *.spdx.json}), read with Jackson's streaming parser: each {@code packages[]}
 * entry's {@code externalRefs} of {@code referenceType} {@code purl}, mapped through {@link Purl}; the
 * {@code referenceLocator} is the purl. Not reported: packages without a purl reference (SPDX names and
 * {@code versionInfo} carry no ecosystem), and purl types with no OSV ecosystem here. A package or reference that
 * is no object, or a purl locator that is no string, is skipped; the rest of the SBOM is read.
 */
public final class SpdxParser implements DependencyParser {

    private static final String FORMAT = "SPDX";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return path.endsWith(".spdx.json") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 512);
        boolean sawVersion = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("SPDX: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("spdxVersion") && value == JsonToken.VALUE_STRING) {
                    sawVersion = json.getText().startsWith("SPDX-");
                } else if (field.equals("packages") && value == JsonToken.START_ARRAY) {
                    readPackages(json, content, out);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new DependencyFileException("SPDX: unexpected " + json.currentToken());
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException("SPDX: " + FileFormats.oneLine(e), e);
        }
        if (!sawVersion) {
            throw new DependencyFileException("SPDX: no spdxVersion");
        }
        return out.list();
    }

    /** The packages; each is {@code packages[i]} when it is skipped. */
    private static void readPackages(JsonParser json, byte[] content, FileEntries out) throws IOException {
        JsonToken element;
        for (int i = 0; (element = json.nextToken()) != JsonToken.END_ARRAY && element != null; i++) {
            String entry = "entry packages[" + i + "]";
            if (element != JsonToken.START_OBJECT) {
                out.skip(entry, "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("externalRefs") && value == JsonToken.START_ARRAY) {
                    readExternalRefs(json, content, entry, out);
                } else {
                    json.skipChildren();
                }
            }
        }
    }

    private static void readExternalRefs(JsonParser json, byte[] content, String entry, FileEntries out)
            throws IOException {
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT) {
                out.skip(entry, "external reference is not an object", FileFormats.skipValue(json, content));
                continue;
            }
            long from = json.currentTokenLocation().getByteOffset();
            String type = null;
            String locator = null;
            boolean wrongLocator = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("referenceType") && value == JsonToken.VALUE_STRING) {
                    type = json.getText();
                } else if (field.equals("referenceLocator") && value == JsonToken.VALUE_STRING) {
                    locator = json.getText();
                } else {
                    wrongLocator |= field.equals("referenceLocator");
                    json.skipChildren();
                }
            }
            if ("purl".equals(type) && wrongLocator) {
                out.skip(entry, "purl locator is not a string", FileFormats.excerpt(content, from, json));
            } else if ("purl".equals(type)) {
                Purl.toDependency(locator).ifPresent(out::add);
            }
        }
    }
}
