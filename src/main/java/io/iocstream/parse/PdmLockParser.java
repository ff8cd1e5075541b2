package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.parse.FileFormats.PackageTable;
import java.util.List;

/**
 * PDM's {@code pdm.lock}: TOML with a {@code [metadata]} table and one {@code [[package]]} table per package
 * ({@code name}, {@code version}, {@code groups}); every group is reported. Traps: VCS, local and URL packages
 * are written with {@code git}, {@code path} or {@code url} keys instead of coming from an index and are not
 * reported. A package table that cannot be read (no string name, a version that is no string, one from an index
 * without a version) is skipped; the rest of the file is read.
 *
 * <p>Each package is reported at the line of its {@code [[package]]} header. Scope: {@code groups} holding
 * {@code default} (the project's own dependencies) is runtime; else holding {@code dev} (the group {@code pdm add -d}
 * writes to) is dev; other group names say nothing the lock can tell, since an optional-dependency extra and a
 * development group are both just a name here. The lock has no entry for the project itself, so it does not say
 * which packages are direct.
 */
public final class PdmLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "pdm.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = FileFormats.text(content, "pdm.lock");
        JsonNode root = FileFormats.toml(text, content, "pdm.lock");
        if (!root.has("package") && !root.has("metadata")) {
            throw new DependencyFileException("pdm.lock: no [[package]] or [metadata] tables");
        }
        FileEntries out = new FileEntries("pdm.lock", skipped, content.length / 256);
        for (PackageTable entry : FileFormats.packageTables(root, text, "pdm.lock", skipped)) {
            JsonNode table = entry.table();
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            boolean fromIndex = !table.has("git") && !table.has("path") && !table.has("url");
            if (version == null && fromIndex) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromIndex) {
                out.add(new Dependency("PyPI", name, version, entry.line(), scope(table.get("groups")), null));
            }
        }
        return out.list();
    }

    /** Runtime for the default group, dev for the dev group, else null. */
    private static String scope(JsonNode groups) {
        boolean dev = false;
        if (groups != null && groups.isArray()) {
            for (JsonNode group : groups) {
                if (group.isTextual() && group.asText().equals("default")) {
                    return Dependency.RUNTIME;
                }
                dev |= group.isTextual() && group.asText().equals("dev");
            }
        }
        return dev ? Dependency.DEV : null;
    }
}
