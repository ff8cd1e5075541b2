package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Cargo's {@code Cargo.lock} (versions 1 to 4): TOML with one {@code [[package]]} table per crate. Traps: the
 * workspace's own crates and path dependencies are packages without a {@code source}, and {@code git+} sources are
 * not crates.io releases; only {@code registry+} and {@code sparse+} sources are reported. The same crate at two
 * versions is two packages, and both are reported. A package table that cannot be read (no string name, a version
 * that is no string, one from an index without a version) is skipped; the rest of the file is read.
 */
public final class CargoLockParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "Cargo.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "Cargo.lock");
        if (!root.has("package") && !root.has("version")) {
            throw new DependencyFileException("Cargo.lock: no version or [[package]] tables");
        }
        FileEntries out = new FileEntries("Cargo.lock", skipped, content.length / 256);
        for (JsonNode table : FileFormats.packageTables(root, "Cargo.lock", skipped)) {
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            String source = FileFormats.string(table, "source");
            boolean fromRegistry = source != null && (source.startsWith("registry+") || source.startsWith("sparse+"));
            if (version == null && fromRegistry) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromRegistry) {
                out.add(new Dependency("crates.io", name, version));
            }
        }
        return out.list();
    }
}
