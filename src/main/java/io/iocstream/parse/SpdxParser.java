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
 * SPDX 2.x JSON SBOMs ({@code *.spdx.json}), read with Jackson's streaming parser: each {@code packages[]}
 * entry's {@code externalRefs} of {@code referenceType} {@code purl}, mapped through {@link Purl}; the
 * {@code referenceLocator} is the purl. Not reported: packages without a purl reference (SPDX names and
 * {@code versionInfo} carry no ecosystem), and purl types with no OSV ecosystem here.
 */
public final class SpdxParser implements DependencyParser {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return path.endsWith(".spdx.json") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        Set<Dependency> out = new LinkedHashSet<>();
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
                    readPackages(json, out);
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
        return new ArrayList<>(out);
    }

    private static void readPackages(JsonParser json, Set<Dependency> out) throws IOException {
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("externalRefs") && value == JsonToken.START_ARRAY) {
                    readExternalRefs(json, out);
                } else {
                    json.skipChildren();
                }
            }
        }
    }

    private static void readExternalRefs(JsonParser json, Set<Dependency> out) throws IOException {
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String type = null;
            String locator = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("referenceType") && value == JsonToken.VALUE_STRING) {
                    type = json.getText();
                } else if (field.equals("referenceLocator") && value == JsonToken.VALUE_STRING) {
                    locator = json.getText();
                } else {
                    json.skipChildren();
                }
            }
            if ("purl".equals(type)) {
                Purl.toDependency(locator).ifPresent(out::add);
            }
        }
    }
}
