package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.iocstream.parse.FileFormats.PackageTable;
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
 *
 * <p>Each package is reported at the line of its {@code [[package]]} header, with the scope the file gives it:
 * {@code groups} (Poetry 2) holding {@code main} is runtime and without it dev (every other group is a dependency
 * group, which the project's users do not install); {@code category = "main"} or {@code "dev"} in older locks
 * likewise; a runtime package with {@code optional = true} is only installed with an extra, so it is optional.
 * Locks of Poetry 1.5 to 1.8 write neither groups nor category: there only {@code optional = true} says anything.
 * The lock has no entry for the project itself, so it does not say which packages are direct.
 */
public final class PoetryLockParser implements DependencyParser {

    private static final Set<String> NOT_FROM_AN_INDEX = Set.of("git", "directory", "file", "url");

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "poetry.lock") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = FileFormats.text(content, "poetry.lock");
        JsonNode root = FileFormats.toml(text, content, "poetry.lock");
        if (!root.has("package") && !root.has("metadata")) {
            throw new DependencyFileException("poetry.lock: no [[package]] or [metadata] tables");
        }
        FileEntries out = new FileEntries("poetry.lock", skipped, content.length / 256);
        for (PackageTable entry : FileFormats.packageTables(root, text, "poetry.lock", skipped)) {
            JsonNode table = entry.table();
            String name = FileFormats.string(table, "name");
            String version = FileFormats.string(table, "version");
            String sourceType = FileFormats.string(table.path("source"), "type");
            boolean fromIndex = sourceType == null || !NOT_FROM_AN_INDEX.contains(sourceType);
            if (version == null && fromIndex) {
                out.skip("entry " + name, "package without a version", table.toString());
            } else if (version != null && fromIndex) {
                out.add(new Dependency("PyPI", name, version, entry.line(), scope(table), null));
            }
        }
        return out.list();
    }

    /** Runtime, dev or optional where the table says, else null. */
    private static String scope(JsonNode table) {
        JsonNode groups = table.get("groups");
        String category = FileFormats.string(table, "category");
        boolean told = groups != null && groups.isArray() && !groups.isEmpty()
                || "main".equals(category) || "dev".equals(category);
        if (told && !inMainGroup(groups) && !"main".equals(category)) {
            return Dependency.DEV;
        }
        // optional = true: only an extra of the project installs it
        if (table.path("optional").isBoolean() && table.path("optional").booleanValue()) {
            return Dependency.OPTIONAL;
        }
        return told ? Dependency.RUNTIME : null;
    }

    private static boolean inMainGroup(JsonNode groups) {
        if (groups != null && groups.isArray()) {
            for (JsonNode group : groups) {
                if (group.isTextual() && group.asText().equals("main")) {
                    return true;
                }
            }
        }
        return false;
    }
}
