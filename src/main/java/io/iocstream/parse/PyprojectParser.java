package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code pyproject.toml} manifests: PEP 621 {@code [project] dependencies} and {@code optional-dependencies},
 * PEP 735 {@code [dependency-groups]}, and Poetry's {@code [tool.poetry.dependencies]},
 * {@code dev-dependencies} and {@code group.*.dependencies}. A manifest states ranges, so only exact pins are
 * reported: PEP 508 {@code ==} / {@code ===}, and in Poetry a bare {@code "1.2.3"}, {@code "=1.2.3"} or
 * {@code "==1.2.3"} (a bare version is exact in Poetry, unlike {@code ^} and {@code ~}). Traps: Poetry's
 * {@code python} entry is the interpreter, not a package; git, path and url entries have no version. A requirement
 * or constraint of the wrong type (a number where a string or table belongs) is skipped; the rest is read.
 */
public final class PyprojectParser implements DependencyParser {

    private static final String FORMAT = "pyproject.toml";

    // Poetry's = or == operator is not part of the version
    private static final Pattern POETRY_PIN = Pattern.compile("(?:==?)?\\s*([0-9][A-Za-z0-9.+!_-]*)");

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "pyproject.toml") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, FORMAT);
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 32);
        JsonNode project = root.path("project");
        readRequirements(project.path("dependencies"), "project.dependencies", out);
        project.path("optional-dependencies").properties().forEach(extra -> readRequirements(extra.getValue(),
                "project.optional-dependencies." + extra.getKey(), out));
        root.path("dependency-groups").properties().forEach(group -> readRequirements(group.getValue(),
                "dependency-groups." + group.getKey(), out));
        JsonNode poetry = root.path("tool").path("poetry");
        readPoetry(poetry.path("dependencies"), "tool.poetry.dependencies", out);
        readPoetry(poetry.path("dev-dependencies"), "tool.poetry.dev-dependencies", out);
        poetry.path("group").properties().forEach(group -> readPoetry(group.getValue().path("dependencies"),
                "tool.poetry.group." + group.getKey() + ".dependencies", out));
        return out.list();
    }

    /**
     * An array of PEP 508 strings at {@code path}; tables in it (PEP 735 group includes) are not requirements, and
     * anything else is skipped.
     */
    private static void readRequirements(JsonNode list, String path, FileEntries out) {
        if (list.isMissingNode()) {
            return;
        }
        if (!list.isArray()) {
            out.skip("entry " + path, "not an array", list.toString());
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode requirement = list.get(i);
            if (requirement.isTextual()) {
                PinnedRequirement.parse(requirement.asText())
                        .ifPresent(pin -> out.add(new Dependency("PyPI", pin.name(), pin.version())));
            } else if (!requirement.isObject()) {
                out.skip("entry " + path + "[" + i + "]", "requirement is not a string", requirement.toString());
            }
        }
    }

    /**
     * A table of name to constraint string, or to a table with a {@code version} (or a list of such tables), at
     * {@code path}; a constraint of another type is skipped.
     */
    private static void readPoetry(JsonNode table, String path, FileEntries out) {
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            String name = entry.getKey();
            if (name.equalsIgnoreCase("python")) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                value.forEach(alternative -> addPoetry(name, alternative, path, out));
            } else {
                addPoetry(name, value, path, out);
            }
        }
    }

    private static void addPoetry(String name, JsonNode value, String path, FileEntries out) {
        JsonNode version = value.isObject() ? value.path("version") : value;
        if (version.isMissingNode()) {
            return;
        }
        if (!version.isTextual()) {
            out.skip("entry " + path + "." + name, "constraint is not a string", value.toString());
            return;
        }
        String constraint = version.asText();
        var pin = POETRY_PIN.matcher(constraint.strip());
        if (pin.matches()) {
            out.add(new Dependency("PyPI", name, pin.group(1)));
        }
    }
}
