package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Poetry's {@code poetry.lock}: TOML with one {@code [[package]]} table per resolved package ({@code name},
 * {@code version}) and a {@code [metadata]} table. Traps: a package can be listed twice with different versions
 * for different markers (both are reported), and a {@code [package.source]} of type {@code git},
 * {@code directory}, {@code file} or {@code url} means the code did not come from an index, so such packages are
 * not reported; {@code legacy} sources are package indexes and are.
 */
public final class PoetryLockParser implements DependencyParser {

    private static final Set<String> NOT_FROM_AN_INDEX = Set.of("git", "directory", "file", "url");

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "poetry.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "poetry.lock");
        if (!root.has("package") && !root.has("metadata")) {
            throw new DependencyFileException("poetry.lock: no [[package]] or [metadata] tables");
        }
        Set<Dependency> out = new LinkedHashSet<>();
        for (JsonNode table : FileFormats.packageTables(root, "poetry.lock")) {
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            String sourceType = FileFormats.string(table.path("source"), "type");
            boolean fromIndex = sourceType == null || !NOT_FROM_AN_INDEX.contains(sourceType);
            if (name != null && version != null && fromIndex) {
                out.add(new Dependency("PyPI", name, version));
            }
        }
        return new ArrayList<>(out);
    }
}
