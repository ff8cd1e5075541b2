package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Composer's {@code composer.lock}, read with Jackson's streaming parser: {@code packages} and
 * {@code packages-dev} are arrays of objects with {@code name} and {@code version}. Traps: {@code extra} and
 * other nested objects have {@code version} fields of their own, so only the package's top-level fields count;
 * tags are often written {@code v1.2.3}, and advisories name {@code 1.2.3}: the version is reported as written and
 * the matcher compares it without the {@code v}. Branch checkouts ({@code dev-main}, {@code 2.x-dev}) are not
 * releases and are not reported. A package that is no object, or lacks a string {@code name} or {@code version},
 * is skipped; the rest of the file is read.
 */
public final class ComposerLockParser implements DependencyParser {

    private static final String FORMAT = "composer.lock";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "composer.lock") && !isVendoredPhp(path);
    }

    /** Composer installs into {@code vendor/}; a lockfile there belongs to an installed package. */
    private static boolean isVendoredPhp(String path) {
        return DependencyParser.isVendored(path) || ("/" + path).contains("/vendor/");
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 1024);
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("composer.lock: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ((field.equals("packages") || field.equals("packages-dev")) && value == JsonToken.START_ARRAY) {
                    readPackages(json, content, field, out);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new DependencyFileException("composer.lock: unexpected " + json.currentToken());
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException("composer.lock: " + FileFormats.oneLine(e), e);
        }
        return out.list();
    }

    /** The packages of {@code section}; each is {@code section[i]} when it is skipped. */
    private static void readPackages(JsonParser json, byte[] content, String section, FileEntries out)
            throws IOException {
        JsonToken element;
        for (int i = 0; (element = json.nextToken()) != JsonToken.END_ARRAY && element != null; i++) {
            if (element != JsonToken.START_OBJECT) {
                out.skip("entry " + section + "[" + i + "]", "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            long from = json.currentTokenLocation().getByteOffset();
            int line = json.currentTokenLocation().getLineNr();
            String name = null;
            String version = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("name") && value == JsonToken.VALUE_STRING) {
                    name = json.getText();
                } else if (field.equals("version") && value == JsonToken.VALUE_STRING) {
                    version = json.getText();
                } else {
                    json.skipChildren();
                }
            }
            if (name == null || version == null) {
                out.skip("entry " + section + "[" + i + "]", "package without a string "
                        + (name == null ? "name" : "version"), FileFormats.excerpt(content, from, json));
                continue;
            }
            if (isRelease(version)) {
                // as written: a tag's v is a spelling of the same version, which the matcher drops (VersionSpelling)
                // packages-dev holds what only development needs
                out.add(new Dependency("Packagist", name, version).atLine(line)
                        .as(section.equals("packages-dev") ? Dependency.DEV : Dependency.RUNTIME, null));
            }
        }
    }

    private static boolean isRelease(String version) {
        return !version.isEmpty() && !version.startsWith("dev-") && !version.endsWith("-dev");
    }
}
