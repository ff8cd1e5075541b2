package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * PDM's {@code pdm.lock}: TOML with a {@code [metadata]} table and one {@code [[package]]} table per package
 * ({@code name}, {@code version}, {@code groups}); every group is reported. Traps: VCS, local and URL packages
 * are written with {@code git}, {@code path} or {@code url} keys instead of coming from an index and are not
 * reported. A package table that cannot be read (no string name, a version that is no string, one from an index
 * without a version) is skipped; the rest of the file is read.
 */
public final class PdmLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "pdm.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "pdm.lock");
        if (!root.has("package") && !root.has("metadata")) {
            throw new DependencyFileException("pdm.lock: no [[package]] or [metadata] tables");
        }
        FileEntries out = new FileEntries("pdm.lock", skipped, content.length / 256);
        for (JsonNode table : FileFormats.packageTables(root, "pdm.lock", skipped)) {
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            boolean fromIndex = !table.has("git") && !table.has("path") && !table.has("url");
            if (version == null && fromIndex) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromIndex) {
                out.add(new Dependency("PyPI", name, version));
            }
        }
        return out.list();
    }
}
