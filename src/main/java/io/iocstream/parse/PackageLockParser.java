package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iocstream.core.DeadLetter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *
 * <p>Each dependency carries the line of its key, its scope ({@code dev}, {@code optional} or {@code devOptional}
 * flags; runtime without them) and, in v2 and v3, its relationship: direct when the root or a workspace entry (a
 * key outside {@code node_modules}) lists it among its dependencies and it is installed right under that root,
 * else transitive. v1 does not say which are direct.
 */
public final class PackageLockParser implements StreamingDependencyParser {

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
        try {
            return parse(JSON.createParser(content), content, content.length, skipped);
        } catch (IOException e) {
            throw new DependencyFileException(FORMAT + ": " + DeadLetter.firstLine(e), e);
        }
    }

    /**
     * The same read from a stream, for lockfiles too large for the heap: what it keeps grows with the distinct
     * packages, not with the install paths. A skipped entry's excerpt is then its value written again (compact
     * JSON) rather than its bytes as the file has them.
     */
    @Override
    public List<Dependency> parse(InputStream content, long length, SkippedEntries skipped)
            throws DependencyFileException {
        try {
            return parse(JSON.createParser(content), null, length, skipped);
        } catch (IOException e) {
            throw new DependencyFileException(FORMAT + ": " + DeadLetter.firstLine(e), e);
        }
    }

    /** @param content the bytes the parser reads, for excerpts of skipped entries; null when it reads a stream */
    private static List<Dependency> parse(JsonParser parser, byte[] content, long length, SkippedEntries skipped)
            throws DependencyFileException {
        // each section skips into its own list: only the one that counts may report its entries
        SkippedEntries skippedInPackages = new SkippedEntries();
        SkippedEntries skippedInDependencies = new SkippedEntries();
        int expected = (int) Math.min(Integer.MAX_VALUE, length / 512);
        FileEntries fromPackages = new FileEntries(FORMAT, skippedInPackages, expected);
        FileEntries fromDependencies = new FileEntries(FORMAT, skippedInDependencies, expected);
        boolean sawPackages = false;
        try (JsonParser json = parser) {
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

    /** An installed package of v2/v3, known direct or transitive only once every root entry is read. */
    private record Installed(Dependency dependency, String root, String keyName) {}

    /** v2/v3: {@code "node_modules/a/node_modules/b": {"version": ..., "name": ..., "link": ...}}. */
    private static void readPackages(JsonParser json, byte[] content, FileEntries out) throws IOException {
        // the file reports each package where it is first installed (FileEntries keeps the first of each), so
        // only that install is kept, and every install of a package no ecosystem allows, each skipped: a large
        // lockfile repeats the same packages at hundreds of thousands of paths
        Map<Dependency, Installed> firstInstalls = new LinkedHashMap<>();
        List<Installed> refused = new ArrayList<>();
        // root entries (the project, its workspaces) by path: the names they depend on
        Map<String, Set<String>> rootDependencies = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            int line = json.currentTokenLocation().getLineNr();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                out.skip("entry " + key, "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            String version = null;
            String name = null;
            boolean link = false;
            String scope = Dependency.RUNTIME;
            Set<String> dependsOn = new HashSet<>();
            String wrongField = null;
            String wrongValue = null;
            int at = key.lastIndexOf("node_modules/");
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
                    case "dev", "devOptional" -> scope = value == JsonToken.VALUE_TRUE ? Dependency.DEV : scope;
                    case "optional" -> scope = value == JsonToken.VALUE_TRUE && scope.equals(Dependency.RUNTIME)
                            ? Dependency.OPTIONAL : scope;
                    case "dependencies", "devDependencies", "optionalDependencies", "peerDependencies" -> {
                        if (at < 0 && value == JsonToken.START_OBJECT) {
                            while (json.nextToken() == JsonToken.FIELD_NAME) {
                                dependsOn.add(json.currentName());
                                json.nextToken();
                                json.skipChildren();
                            }
                        } else {
                            json.skipChildren();
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (wrongField != null) {
                out.skip("entry " + key, wrongField + " is not a string", wrongValue);
                continue;
            }
            if (at < 0) {
                rootDependencies.put(key, dependsOn);
                continue;
            }
            if (link || version == null) {
                continue;
            }
            String keyName = key.substring(at + "node_modules/".length());
            Dependency dep = registryDependency(name != null ? name : keyName, version);
            if (dep != null) {
                Installed one = new Installed(dep.atLine(line).as(scope, null), key.substring(0, at), keyName);
                if (FileEntries.problem(dep) != null) {
                    refused.add(one);
                } else {
                    firstInstalls.putIfAbsent(dep.identity(), one);
                }
            }
        }
        for (Installed one : refused) {
            out.add(one.dependency());
        }
        for (Installed one : firstInstalls.values()) {
            // "node_modules/x" is installed for the project, "packages/ui/node_modules/x" for that workspace
            String root = one.root().endsWith("/") ? one.root().substring(0, one.root().length() - 1) : one.root();
            boolean direct = rootDependencies.getOrDefault(root, Set.of()).contains(one.keyName());
            out.add(one.dependency().as(one.dependency().scope(),
                    direct ? Dependency.DIRECT : Dependency.TRANSITIVE));
        }
    }

    /** v1: {@code "name": {"version": ..., "dependencies": {...nested...}}}. */
    private static void readDependencies(JsonParser json, byte[] content, FileEntries out) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            int line = json.currentTokenLocation().getLineNr();
            if (json.nextToken() != JsonToken.START_OBJECT) {
                out.skip("entry " + name, "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            String version = null;
            String wrongVersion = null;
            String scope = Dependency.RUNTIME;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("dev") && value == JsonToken.VALUE_TRUE) {
                    scope = Dependency.DEV;
                } else if (field.equals("optional") && value == JsonToken.VALUE_TRUE
                        && scope.equals(Dependency.RUNTIME)) {
                    scope = Dependency.OPTIONAL;
                } else if (field.equals("version") && value == JsonToken.VALUE_STRING) {
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
                Dependency dep = registryDependency(name, version);
                if (dep != null) {
                    out.add(dep.atLine(line).as(scope, null));
                }
            }
        }
    }

    /** A registry dependency, {@code npm:real@version} aliases resolved; null for a non-registry spec. */
    private static Dependency registryDependency(String name, String version) {
        if (version.startsWith("npm:")) {
            String spec = version.substring(4);
            int at = spec.lastIndexOf('@');
            if (at <= 0) {
                return null;
            }
            name = spec.substring(0, at);
            // an alias's spec names the real package: the version is what follows its last @
            version = spec.substring(at + 1);
        }
        return isRegistryVersion(version) ? new Dependency("npm", name, version) : null;
    }

    private static boolean isRegistryVersion(String version) {
        return !version.isEmpty() && Character.isDigit(version.charAt(0)) && !version.contains(":")
                && !version.contains("/");
    }
}
