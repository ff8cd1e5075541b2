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
 * npm {@code package-lock.json} (lockfile v1, v2, v3) and {@code npm-shrinkwrap.json}, read with Jackson's
 * streaming parser so that large lockfiles are never held as a tree.
 *
 * <p>v2 and v3 list installed packages under {@code packages}, keyed by their {@code node_modules/} path; the
 * entry's {@code name} field, when present, is the real package behind an alias. v1 nests {@code dependencies}
 * and writes aliases as {@code "version": "npm:@scope/real@1.2.3"}. When a v2 file has both sections,
 * {@code packages} is the authority. Links, git, file and tarball dependencies have no registry version and are
 * not reported.
 */
public final class PackageLockParser implements DependencyParser {

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
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        Set<Dependency> fromPackages = new LinkedHashSet<>();
        Set<Dependency> fromDependencies = new LinkedHashSet<>();
        boolean sawPackages = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("package-lock: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("packages") && value == JsonToken.START_OBJECT) {
                    sawPackages = true;
                    readPackages(json, fromPackages);
                } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
                    readDependencies(json, fromDependencies);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new DependencyFileException("package-lock: unexpected " + json.currentToken());
            }
        } catch (IOException e) {
            throw new DependencyFileException("package-lock: " + oneLine(e), e);
        }
        return new ArrayList<>(sawPackages ? fromPackages : fromDependencies);
    }

    /** v2/v3: {@code "node_modules/a/node_modules/b": {"version": ..., "name": ..., "link": ...}}. */
    private static void readPackages(JsonParser json, Set<Dependency> out) throws IOException, DependencyFileException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String version = null;
            String name = null;
            boolean link = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "version" -> version = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "name" -> name = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "link" -> link = value == JsonToken.VALUE_TRUE;
                    default -> json.skipChildren();
                }
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
    private static void readDependencies(JsonParser json, Set<Dependency> out)
            throws IOException, DependencyFileException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String version = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("version") && value == JsonToken.VALUE_STRING) {
                    version = json.getText();
                } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
                    readDependencies(json, out);
                } else {
                    json.skipChildren();
                }
            }
            if (version != null) {
                add(out, name, version);
            }
        }
    }

    /** Adds a registry dependency; resolves {@code npm:real@version} aliases, skips non-registry specs. */
    private static void add(Set<Dependency> out, String name, String version) {
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

    private static String oneLine(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
