package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.parse.FileFormats.PackageTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * uv's {@code uv.lock}: TOML with one {@code [[package]]} table per package, each with a {@code source} inline
 * table. Traps: the project itself is a package too, with {@code source = { editable = "." }} or
 * {@code { virtual = "." }}, and is not a dependency; workspace members and {@code git}, {@code path},
 * {@code directory} and {@code url} sources did not come from an index. Only {@code registry} sources (or
 * packages without a source, as early lock versions wrote) are reported.
 * A package table that cannot be read (no string name, a version that is no string, one from an index without
 * a version) is skipped; the rest of the file is read.
 *
 * <p>Each package is reported at the line of its {@code [[package]]} header. The project and the workspace
 * members (editable or virtual sources) name what they depend on: a package one of them names is direct, with
 * the scope of where it is named ({@code dependencies} runtime, {@code optional-dependencies} optional,
 * {@code dev-dependencies} dev; runtime before optional before dev when it is named in several), and any other
 * package is transitive, of a scope the lock does not write. A lock without such a package says neither.
 */
public final class UvLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "uv.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = FileFormats.text(content, "uv.lock");
        JsonNode root = FileFormats.toml(text, content, "uv.lock");
        if (!root.has("package") && !root.has("version")) {
            throw new DependencyFileException("uv.lock: no version or [[package]] tables");
        }
        List<PackageTable> tables = FileFormats.packageTables(root, text, "uv.lock", skipped);
        Map<String, String> direct = directDependencies(tables);
        FileEntries out = new FileEntries("uv.lock", skipped, content.length / 256);
        for (PackageTable entry : tables) {
            JsonNode table = entry.table();
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            JsonNode source = table.get("source");
            boolean fromRegistry = source == null || source.has("registry");
            if (version == null && fromRegistry) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromRegistry) {
                String scope = null;
                String relationship = null;
                if (direct != null) {
                    scope = direct.getOrDefault(name + " " + version, direct.get(name));
                    relationship = scope == null ? Dependency.TRANSITIVE : Dependency.DIRECT;
                }
                out.add(new Dependency("PyPI", name, version, entry.line(), scope, relationship));
            }
        }
        return out.list();
    }

    /**
     * What the project and workspace members name, each as {@code name} or {@code name version} (where the lock
     * holds two versions), with its scope; null when the lock has no such package.
     */
    private static Map<String, String> directDependencies(List<PackageTable> tables) {
        Map<String, String> direct = null;
        for (PackageTable entry : tables) {
            JsonNode table = entry.table();
            JsonNode source = table.path("source");
            if (source.has("editable") || source.has("virtual")) {
                direct = direct == null ? new HashMap<>() : direct;
                for (JsonNode group : table.path("dev-dependencies")) {
                    name(group, Dependency.DEV, direct);
                }
                for (JsonNode extra : table.path("optional-dependencies")) {
                    name(extra, Dependency.OPTIONAL, direct);
                }
                name(table.path("dependencies"), Dependency.RUNTIME, direct);
            }
        }
        return direct;
    }

    /** Records each {@code { name = ..., version = ... }} of {@code list} in {@code scope}. */
    private static void name(JsonNode list, String scope, Map<String, String> into) {
        for (JsonNode dependency : list) {
            String name = FileFormats.string(dependency, "name");
            String version = FileFormats.string(dependency, "version");
            if (name != null) {
                into.merge(version == null ? name : name + " " + version, scope, UvLockParser::stronger);
            }
        }
    }

    /** Runtime before optional before dev. */
    private static String stronger(String a, String b) {
        return a.equals(Dependency.RUNTIME) || b.equals(Dependency.DEV) ? a : b;
    }
}
