package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * uv's {@code uv.lock}: TOML with one {@code [[package]]} table per package, each with a {@code source} inline
 * table. Traps: the project itself is a package too, with {@code source = { editable = "." }} or
 * {@code { virtual = "." }}, and is not a dependency; workspace members and {@code git}, {@code path},
 * {@code directory} and {@code url} sources did not come from an index. Only {@code registry} sources (or
 * packages without a source, as early lock versions wrote) are reported.
 */
public final class UvLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "uv.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "uv.lock");
        if (!root.has("package") && !root.has("version")) {
            throw new DependencyFileException("uv.lock: no version or [[package]] tables");
        }
        Set<Dependency> out = new LinkedHashSet<>();
        for (JsonNode table : FileFormats.packageTables(root, "uv.lock")) {
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            JsonNode source = table.get("source");
            boolean fromRegistry = source == null || source.has("registry");
            if (name != null && version != null && fromRegistry) {
                out.add(new Dependency("PyPI", name, version));
            }
        }
        return new ArrayList<>(out);
    }
}
