package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bun's text lockfile {@code bun.lock}, read with Jackson's streaming parser. It is JSONC: trailing commas and
 * comments are allowed, so the parser is configured for both.
 *
 * <p>{@code packages} maps an install path ({@code "lodash"}, {@code "parent/child"}, or an alias) to an array
 * whose first element is the resolved {@code "name@version"}; that element, not the key, names the real package,
 * so aliases and nested copies come out right. Git, GitHub and tarball entries
 * ({@code "name@github:org/repo#sha"}) record a commit, not the package's version, and workspace, file and link
 * entries are local code: none of them is reported. The binary {@code bun.lockb} is a different format. A package
 * of another shape is skipped; the rest of the file is read.
 *
 * <p>Each package carries the line of its key. It is direct when a workspace (the root {@code ""} or another) lists
 * its install path's name in {@code dependencies}, {@code devDependencies}, {@code optionalDependencies} or
 * {@code peerDependencies} and it is the copy that workspace uses: its own ({@code "web/lodash"}, under the
 * workspace's name) when it has one, else the hoisted one ({@code "lodash"}); then its scope is that section's
 * (runtime for dependencies and peers; for a name listed more than once, runtime wins over optional over dev).
 * Every other package is transitive, and its scope is not told: bun.lock does not mark what only development needs.
 */
public final class BunLockParser implements DependencyParser {

    private static final String FORMAT = "bun.lock";
    private static final JsonFactory JSONC = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, FORMAT) && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        if (content.length == 0) {
            throw new DependencyFileException(FORMAT + ": empty file");
        }
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 256);
        List<Installed> installed = new ArrayList<>();
        List<Listed> listed = new ArrayList<>();
        boolean sawVersion = false;
        try (JsonParser json = JSONC.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException(FORMAT + ": not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("lockfileVersion")) {
                    sawVersion = value == JsonToken.VALUE_NUMBER_INT;
                } else if (field.equals("packages")) {
                    readPackages(json, content, out, installed);
                } else if (field.equals("workspaces") && value == JsonToken.START_OBJECT) {
                    readWorkspaces(json, listed);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new DependencyFileException(FORMAT + ": unexpected " + json.currentToken());
            }
            if (json.nextToken() != null) {
                throw new DependencyFileException(FORMAT + ": content after the top-level object");
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException(FORMAT + ": " + NpmSpecs.oneLine(e), e);
        }
        if (!sawVersion) {
            throw new DependencyFileException(FORMAT + ": no numeric lockfileVersion");
        }
        // workspaces may come after packages: a package is known direct only once both are read
        Map<String, String> directScopes = directScopes(listed, installed);
        for (Installed one : installed) {
            String scope = directScopes.get(one.key());
            out.add(scope != null ? one.dependency().as(scope, Dependency.DIRECT)
                    : one.dependency().as(null, Dependency.TRANSITIVE));
        }
        return out.list();
    }

    /** A package as its key installs it, known direct or transitive only once the workspaces are read. */
    private record Installed(Dependency dependency, String key) {}

    /** A dependency a workspace lists: {@code workspace} is null for the root. */
    private record Listed(String workspace, String name, String scope) {}

    /**
     * The install paths the workspaces' dependencies are at, each with the widest scope it is listed in: a
     * workspace's own copy ({@code "web/lodash"}) when it has one, else the hoisted one ({@code "lodash"}).
     */
    private static Map<String, String> directScopes(List<Listed> listed, List<Installed> installed) {
        Set<String> keys = new HashSet<>();
        for (Installed one : installed) {
            keys.add(one.key());
        }
        Map<String, String> scopes = new HashMap<>();
        for (Listed one : listed) {
            String own = one.workspace() == null ? null : one.workspace() + "/" + one.name();
            String key = own != null && keys.contains(own) ? own : one.name();
            scopes.merge(key, one.scope(), NpmSpecs::widerScope);
        }
        return scopes;
    }

    /** {@code "path": {"name": ..., "dependencies": {...}, "devDependencies": {...}, ...}}: what each lists. */
    private static void readWorkspaces(JsonParser json, List<Listed> listed) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String path = json.currentName();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String name = null;
            Map<String, String> deps = new HashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                String scope = switch (field) {
                    case "dependencies", "peerDependencies" -> Dependency.RUNTIME;
                    case "optionalDependencies" -> Dependency.OPTIONAL;
                    case "devDependencies" -> Dependency.DEV;
                    default -> null;
                };
                if (field.equals("name") && value == JsonToken.VALUE_STRING) {
                    name = json.getText();
                } else if (scope != null && value == JsonToken.START_OBJECT) {
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        deps.merge(json.currentName(), scope, NpmSpecs::widerScope);
                        json.nextToken();
                        json.skipChildren();
                    }
                } else {
                    json.skipChildren();
                }
            }
            // a copy that does not fit the hoisted one is installed under the workspace's name
            String workspace = path.isEmpty() ? null : name;
            for (Map.Entry<String, String> dep : deps.entrySet()) {
                listed.add(new Listed(workspace, dep.getKey(), dep.getValue()));
            }
        }
    }

    /** {@code "path": ["name@version", registry, {...}, integrity]}; a package of any other shape is skipped. */
    private static void readPackages(JsonParser json, byte[] content, FileEntries out, List<Installed> installed)
            throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            out.skip("entry packages", "packages is not an object", FileFormats.skipValue(json, content));
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            int line = json.currentTokenLocation().getLineNr();
            if (json.nextToken() != JsonToken.START_ARRAY) {
                out.skip("entry " + key, "not an array", FileFormats.skipValue(json, content));
                continue;
            }
            long from = json.currentTokenLocation().getByteOffset();
            JsonToken first = json.nextToken();
            String resolved = first == JsonToken.VALUE_STRING ? json.getText() : null;
            for (JsonToken rest = first; rest != JsonToken.END_ARRAY; rest = json.nextToken()) {
                if (rest == null) {
                    throw new IOException("truncated in package " + key);
                }
                json.skipChildren();
            }
            if (resolved == null) {
                out.skip("entry " + key, "does not start with \"name@version\"",
                        FileFormats.excerpt(content, from, json));
                continue;
            }
            String name = NpmSpecs.nameOf(resolved);
            // the version is what follows the name's @, as written
            String version = NpmSpecs.specOf(resolved);
            if (!name.isEmpty() && NpmSpecs.isExactVersion(version)) {
                installed.add(new Installed(new Dependency(NpmSpecs.ECOSYSTEM, name, version).atLine(line), key));
            }
        }
    }
}
