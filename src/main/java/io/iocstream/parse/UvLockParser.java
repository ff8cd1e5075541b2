package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * uv's {@code uv.lock}: TOML with one {@code [[package]]} table per package, each with a {@code source} inline
 * table. Traps: the project itself is a package too, with {@code source = { editable = "." }} or
 * {@code { virtual = "." }}, and is not a dependency; workspace members and {@code git}, {@code path},
 * {@code directory} and {@code url} sources did not come from an index. Only {@code registry} sources (or
 * packages without a source, as early lock versions wrote) are reported.
 * A package table that cannot be read (no string name, a version that is no string, one from an index without
 * a version) is skipped; the rest of the file is read.
 */
public final class UvLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "uv.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "uv.lock");
        if (!root.has("package") && !root.has("version")) {
            throw new DependencyFileException("uv.lock: no version or [[package]] tables");
        }
        FileEntries out = new FileEntries("uv.lock", skipped, content.length / 256);
        for (JsonNode table : FileFormats.packageTables(root, "uv.lock", skipped)) {
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            JsonNode source = table.get("source");
            boolean fromRegistry = source == null || source.has("registry");
            if (version == null && fromRegistry) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromRegistry) {
                out.add(new Dependency("PyPI", name, version));
            }
        }
        return out.list();
    }
}
