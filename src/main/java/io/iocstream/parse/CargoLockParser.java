package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.parse.FileFormats.PackageTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cargo's {@code Cargo.lock} (versions 1 to 4): TOML with one {@code [[package]]} table per crate. Traps: the
 * workspace's own crates and path dependencies are packages without a {@code source}, and {@code git+} sources are
 * not crates.io releases; only {@code registry+} and {@code sparse+} sources are reported. The same crate at two
 * versions is two packages, and both are reported. A package table that cannot be read (no string name, a version
 * that is no string, one from an index without a version) is skipped; the rest of the file is read.
 *
 * <p>Each crate is reported at the line of its {@code [[package]]} header. A crate is direct when one of the
 * workspace's own packages (those without a {@code source}; in version 1 files also {@code [root]}) lists it in its
 * {@code dependencies} ({@code "name"}, or {@code "name version"} where two versions are locked), else transitive;
 * a file without such a package says nothing of it. The lockfile does not tell normal, build and dev dependencies
 * apart, so the scope stays unknown.
 */
public final class CargoLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "Cargo.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = FileFormats.text(content, "Cargo.lock");
        JsonNode root = FileFormats.toml(text, content, "Cargo.lock");
        if (!root.has("package") && !root.has("version")) {
            throw new DependencyFileException("Cargo.lock: no version or [[package]] tables");
        }
        List<PackageTable> tables = FileFormats.packageTables(root, text, "Cargo.lock", skipped);
        Set<String> direct = directDependencies(root, tables);
        FileEntries out = new FileEntries("Cargo.lock", skipped, content.length / 256);
        for (PackageTable entry : tables) {
            JsonNode table = entry.table();
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            String source = FileFormats.string(table, "source");
            boolean fromRegistry = source != null && (source.startsWith("registry+") || source.startsWith("sparse+"));
            if (version == null && fromRegistry) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromRegistry) {
                String relationship = direct == null ? null
                        : direct.contains(name) || direct.contains(name + " " + version)
                                ? Dependency.DIRECT : Dependency.TRANSITIVE;
                out.add(new Dependency("crates.io", name, version, entry.line(), null, relationship));
            }
        }
        return out.list();
    }

    /**
     * What the workspace's own packages depend on, each as {@code name} or {@code name version} (a source in
     * parentheses dropped); null when the file has no such package.
     */
    private static Set<String> directDependencies(JsonNode root, List<PackageTable> tables) {
        Set<String> direct = null;
        JsonNode legacyRoot = root.get("root");
        if (legacyRoot != null && legacyRoot.isObject()) {
            direct = new HashSet<>();
            addDependencies(legacyRoot, direct);
        }
        for (PackageTable entry : tables) {
            if (!entry.table().has("source")) {
                direct = direct == null ? new HashSet<>() : direct;
                addDependencies(entry.table(), direct);
            }
        }
        return direct;
    }

    private static void addDependencies(JsonNode table, Set<String> into) {
        for (JsonNode dependency : table.path("dependencies")) {
            if (dependency.isTextual()) {
                String spec = dependency.asText();
                int source = spec.indexOf(" (");
                into.add(source < 0 ? spec : spec.substring(0, source));
            }
        }
    }
}
