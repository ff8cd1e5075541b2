package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Poetry's {@code poetry.lock}: TOML with one {@code [[package]]} table per resolved package ({@code name},
 * {@code version}) and a {@code [metadata]} table. Traps: a package can be listed twice with different versions
 * for different markers (both are reported), and a {@code [package.source]} of type {@code git},
 * {@code directory}, {@code file} or {@code url} means the code did not come from an index, so such packages are
 * not reported; {@code legacy} sources are package indexes and are.
 * A package table that cannot be read (no string name, a version that is no string, one from an index without
 * a version) is skipped; the rest of the file is read.
 */
public final class PoetryLockParser implements DependencyParser {

    private static final Set<String> NOT_FROM_AN_INDEX = Set.of("git", "directory", "file", "url");

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "poetry.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "poetry.lock");
        if (!root.has("package") && !root.has("metadata")) {
            throw new DependencyFileException("poetry.lock: no [[package]] or [metadata] tables");
        }
        FileEntries out = new FileEntries("poetry.lock", skipped, content.length / 256);
        for (JsonNode table : FileFormats.packageTables(root, "poetry.lock", skipped)) {
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            String sourceType = FileFormats.string(table.path("source"), "type");
            boolean fromIndex = sourceType == null || !NOT_FROM_AN_INDEX.contains(sourceType);
            if (version == null && fromIndex) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromIndex) {
                out.add(new Dependency("PyPI", name, version));
            }
        }
        return out.list();
    }
}
