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
 * {@code python} entry is the interpreter, not a package; git, path and url entries have no version.
 */
public final class PyprojectParser implements DependencyParser {

    // Poetry's = or == operator is not part of the version
    private static final Pattern POETRY_PIN = Pattern.compile("(?:==?)?\\s*([0-9][A-Za-z0-9.+!_-]*)");

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "pyproject.toml") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        JsonNode root = FileFormats.toml(content, "pyproject.toml");
        DistinctDependencies out = new DistinctDependencies(content.length / 32);
        JsonNode project = root.path("project");
        readRequirements(project.path("dependencies"), out);
        project.path("optional-dependencies").forEach(list -> readRequirements(list, out));
        root.path("dependency-groups").forEach(list -> readRequirements(list, out));
        JsonNode poetry = root.path("tool").path("poetry");
        readPoetry(poetry.path("dependencies"), out);
        readPoetry(poetry.path("dev-dependencies"), out);
        poetry.path("group").forEach(group -> readPoetry(group.path("dependencies"), out));
        return out.list();
    }

    /** An array of PEP 508 strings; tables in it (PEP 735 group includes) are not requirements. */
    private static void readRequirements(JsonNode list, DistinctDependencies out) {
        for (JsonNode requirement : list) {
            if (requirement.isTextual()) {
                PinnedRequirement.parse(requirement.asText())
                        .ifPresent(pin -> out.add(new Dependency("PyPI", pin.name(), pin.version())));
            }
        }
    }

    /** A table of name to constraint string, or to a table with a {@code version} (or a list of such tables). */
    private static void readPoetry(JsonNode table, DistinctDependencies out) {
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            String name = entry.getKey();
            if (name.equalsIgnoreCase("python")) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                value.forEach(alternative -> addPoetry(name, alternative, out));
            } else {
                addPoetry(name, value, out);
            }
        }
    }

    private static void addPoetry(String name, JsonNode value, DistinctDependencies out) {
        String constraint = value.isTextual() ? value.asText() : FileFormats.string(value, "version");
        if (constraint == null) {
            return;
        }
        var pin = POETRY_PIN.matcher(constraint.strip());
        if (pin.matches()) {
            out.add(new Dependency("PyPI", name, pin.group(1)));
        }
    }
}
