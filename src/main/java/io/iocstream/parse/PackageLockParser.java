package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iocstream.core.DeadLetter;
import java.io.IOException;
import java.util.List;

/**
 * npm {@code package-lock.json} (lockfile v1, v2, v3) and {@code npm-shrinkwrap.json}, read with Jackson's
 * streaming parser so that large lockfiles are never held as a tree.
 *
 * <p>v2 and v3 list installed packages under {@code packages}, keyed by their {@code node_modules/} path; the
 * entry's {@code name} field, when present, is the real package behind an alias. v1 nests {@code dependencies}
 * and writes aliases as {@code "version": "npm:@scope/real@1.2.3"}. When a v2 file has both sections,
 * {@code packages} is the authority. Links, git, file and tarball dependencies have no registry version and are
 * not reported. An entry of another shape (not an object, a {@code version} or {@code name} that is no string) is
 * skipped; the rest of the file is read.
 */
public final class PackageLockParser implements DependencyParser {

    private static final String FORMAT = "package-lock";
    // the keys of "packages" are install paths, nearly all different: a symbol table of field names would only
    // grow (16 MB and six times the parse time on an 80 MB lockfile), so names are not canonicalized
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    @Override
    public boolean handles(String path) {
        return (DependencyParser.isNamed(path, "package-lock.json")
                || DependencyParser.isNamed(path, "npm-shrinkwrap.json")) && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        // each section skips into its own list: only the one that counts may report its entries
        SkippedEntries skippedInPackages = new SkippedEntries();
        SkippedEntries skippedInDependencies = new SkippedEntries();
        FileEntries fromPackages = new FileEntries(FORMAT, skippedInPackages, content.length / 512);
        FileEntries fromDependencies = new FileEntries(FORMAT, skippedInDependencies, content.length / 512);
        boolean sawPackages = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException(FORMAT + ": not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("packages") && value == JsonToken.START_OBJECT) {
                    sawPackages = true;
                    readPackages(json, content, fromPackages);
                } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
                    readDependencies(json, content, fromDependencies);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new DependencyFileException(FORMAT + ": unexpected " + json.currentToken());
            }
        } catch (IOException e) {
            throw new DependencyFileException(FORMAT + ": " + DeadLetter.firstLine(e), e);
        }
        skipped.addAll(sawPackages ? skippedInPackages : skippedInDependencies);
        return (sawPackages ? fromPackages : fromDependencies).list();
    }

    /** v2/v3: {@code "node_modules/a/node_modules/b": {"version": ..., "name": ..., "link": ...}}. */
    private static void readPackages(JsonParser json, byte[] content, FileEntries out) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                out.skip("entry " + key, "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            String version = null;
            String name = null;
            boolean link = false;
            String wrongField = null;
            String wrongValue = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (value != JsonToken.VALUE_STRING && (field.equals("version") || field.equals("name"))) {
                    wrongField = field;
                    wrongValue = FileFormats.skipValue(json, content);
                    continue;
                }
                switch (field) {
                    case "version" -> version = json.getText();
                    case "name" -> name = json.getText();
                    case "link" -> link = value == JsonToken.VALUE_TRUE;
                    default -> json.skipChildren();
                }
            }
            if (wrongField != null) {
                out.skip("entry " + key, wrongField + " is not a string", wrongValue);
                continue;
            }
            int at = key.lastIndexOf("node_modules/");
            if (key.isEmpty() || at < 0 || link || version == null) {
                continue;
            }
            String packageName = name != null ? name : key.substring(at + "node_modules/".length());
            add(out, packageName, version);
        }
    }

    /** v1: {@code "name": {"version": ..., "dependencies": {...nested...}}}. */
    private static void readDependencies(JsonParser json, byte[] content, FileEntries out) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                out.skip("entry " + name, "not an object", FileFormats.skipValue(json, content));
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
                } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
                    readDependencies(json, content, out);
                } else {
                    json.skipChildren();
                }
            }
            if (wrongVersion != null) {
                out.skip("entry " + name, "version is not a string", wrongVersion);
            } else if (version != null) {
                add(out, name, version);
            }
        }
    }

    /** Adds a registry dependency; resolves {@code npm:real@version} aliases, skips non-registry specs. */
    private static void add(FileEntries out, String name, String version) {
        if (version.startsWith("npm:")) {
            String spec = version.substring(4);
            int at = spec.lastIndexOf('@');
            if (at <= 0) {
                return;
            }
            name = spec.substring(0, at);
            // an alias's spec names the real package: the version is what follows its last @
            version = spec.substring(at + 1);
        }
        if (isRegistryVersion(version)) {
            out.add(new Dependency("npm", name, version));
        }
    }

    private static boolean isRegistryVersion(String version) {
        return !version.isEmpty() && Character.isDigit(version.charAt(0)) && !version.contains(":")
                && !version.contains("/");
    }
}
