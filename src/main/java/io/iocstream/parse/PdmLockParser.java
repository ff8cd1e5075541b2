package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PDM's {@code pdm.lock}: TOML with a {@code [metadata]} table and one {@code [[package]]} table per package
 * ({@code name}, {@code version}, {@code groups}); every group is reported. Traps: VCS, local and URL packages
 * are written with {@code git}, {@code path} or {@code url} keys instead of coming from an index and are not
 * reported, nor is a package without a version.
 */
public final class PdmLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "pdm.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "pdm.lock");
        if (!root.has("package") && !root.has("metadata")) {
            throw new DependencyFileException("pdm.lock: no [[package]] or [metadata] tables");
        }
        Set<Dependency> out = new LinkedHashSet<>();
        for (JsonNode table : FileFormats.packageTables(root, "pdm.lock")) {
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            boolean fromIndex = !table.has("git") && !table.has("path") && !table.has("url");
            if (name != null && version != null && fromIndex) {
                out.add(new Dependency("PyPI", name, version));
            }
        }
        return new ArrayList<>(out);
    }
}
