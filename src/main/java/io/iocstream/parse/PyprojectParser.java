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
 *
 * <p>Every pin is direct, since a manifest names only what the project asks for. Scope: {@code [project]
 * dependencies} and {@code [tool.poetry.dependencies]} are runtime (a Poetry table with {@code optional = true}
 * optional, as it is only installed with an extra), {@code optional-dependencies} optional, PEP 735
 * {@code [dependency-groups]} and Poetry's {@code dev-dependencies} and groups dev. A pin is reported at the line
 * its requirement string or Poetry key stands on: TOML's reader tells no lines, so the text is searched for it
 * onwards from the last one found, and a pin not found so (a string written with escapes, a key in an inline table)
 * has no line.
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
        String text = FileFormats.text(content, FORMAT);
        JsonNode root = FileFormats.toml(text, content, FORMAT);
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 32);
        Places places = new Places(text);
        JsonNode project = root.path("project");
        readRequirements(project.path("dependencies"), "project.dependencies", Dependency.RUNTIME, places, out);
        project.path("optional-dependencies").properties().forEach(extra -> readRequirements(extra.getValue(),
                "project.optional-dependencies." + extra.getKey(), Dependency.OPTIONAL, places, out));
        root.path("dependency-groups").properties().forEach(group -> readRequirements(group.getValue(),
                "dependency-groups." + group.getKey(), Dependency.DEV, places, out));
        JsonNode poetry = root.path("tool").path("poetry");
        readPoetry(poetry.path("dependencies"), "tool.poetry.dependencies", Dependency.RUNTIME, places, out);
        readPoetry(poetry.path("dev-dependencies"), "tool.poetry.dev-dependencies", Dependency.DEV, places, out);
        poetry.path("group").properties().forEach(group -> readPoetry(group.getValue().path("dependencies"),
                "tool.poetry.group." + group.getKey() + ".dependencies", Dependency.DEV, places, out));
        return out.list();
    }

    /**
     * An array of PEP 508 strings at {@code path}; tables in it (PEP 735 group includes) are not requirements, and
     * anything else is skipped.
     */
    private static void readRequirements(JsonNode list, String path, String scope, Places places,
            FileEntries out) {
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
                String written = requirement.asText();
                PinnedRequirement.parse(written).ifPresent(pin -> out.add(new Dependency("PyPI", pin.name(),
                        pin.version(), places.ofValue(written), scope, Dependency.DIRECT)));
            } else if (!requirement.isObject()) {
                out.skip("entry " + path + "[" + i + "]", "requirement is not a string", requirement.toString());
            }
        }
    }

    /**
     * A table of name to constraint string, or to a table with a {@code version} (or a list of such tables), at
     * {@code path}; a constraint of another type is skipped.
     */
    private static void readPoetry(JsonNode table, String path, String scope, Places places, FileEntries out) {
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            String name = entry.getKey();
            if (name.equalsIgnoreCase("python")) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                value.forEach(alternative -> addPoetry(name, alternative, path, scope, places, out));
            } else {
                addPoetry(name, value, path, scope, places, out);
            }
        }
    }

    private static void addPoetry(String name, JsonNode value, String path, String scope, Places places,
            FileEntries out) {
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
            // only an extra installs an optional runtime dependency
            boolean optional = scope.equals(Dependency.RUNTIME) && value.path("optional").booleanValue();
            out.add(new Dependency("PyPI", name, pin.group(1), places.ofKey(name),
                    optional ? Dependency.OPTIONAL : scope, Dependency.DIRECT));
        }
    }

    /**
     * Where pins stand in the text: each is searched for onwards from the last one found (sections are read in about
     * the order files write them), and from the start when it is not found so.
     */
    private static final class Places {

        /** How far past the last pin the next quoted string is looked for before the text is searched. */
        private static final int NEAR = 64;

        private final String text;
        private int cursor;
        /** The line {@link #cursor} stands on. */
        private int line = 1;

        Places(String text) {
            this.text = text;
        }

        /** The line of a requirement string as written, or 0. */
        int ofValue(String value) {
            // most often the next quoted string after the last pin, a line further down: read the gap in place
            int at = cursor;
            int feeds = 0;
            for (int end = Math.min(text.length(), cursor + NEAR); at < end; at++) {
                char c = text.charAt(at);
                if (c == '"' || c == '\'') {
                    break;
                }
                feeds += c == '\n' ? 1 : 0;
            }
            if (at + 1 + value.length() < text.length() && text.startsWith(value, at + 1)
                    && text.charAt(at + 1 + value.length()) == text.charAt(at)) {
                line += feeds;
                // past the closing quote, so that the next search starts between strings
                cursor = at + value.length() + 2;
                return line;
            }
            at = text.indexOf(value, cursor);
            if (at < 0) {
                at = text.indexOf(value);
            }
            return found(at, value.length());
        }

        /** The line whose key (bare or quoted) is {@code key}, or 0. */
        int ofKey(String key) {
            int at = keyAt(key, cursor);
            if (at < 0) {
                at = keyAt(key, 0);
            }
            return found(at, key.length());
        }

        private int found(int at, int length) {
            if (at < 0) {
                return 0;
            }
            if (at < cursor) {
                cursor = 0;
                line = 1;
            }
            for (int feed = text.indexOf('\n', cursor); feed >= 0 && feed < at; feed = text.indexOf('\n', feed + 1)) {
                line++;
            }
            cursor = at + length;
            // past a closing quote, so that the next search starts between strings
            if (cursor < text.length() && (text.charAt(cursor) == '"' || text.charAt(cursor) == '\'')) {
                cursor++;
            }
            return line;
        }
        /** Where {@code key} next stands first on a line and before a {@code =} (not {@code ==}), or -1. */
        private int keyAt(String key, int from) {
            for (int at = text.indexOf(key, from); at >= 0; at = text.indexOf(key, at + 1)) {
                int before = at - 1;
                if (before >= 0 && (text.charAt(before) == '"' || text.charAt(before) == '\'')) {
                    before--;
                }
                while (before >= 0 && (text.charAt(before) == ' ' || text.charAt(before) == '\t')) {
                    before--;
                }
                int after = at + key.length();
                if (after < text.length() && (text.charAt(after) == '"' || text.charAt(after) == '\'')) {
                    after++;
                }
                after = FileFormats.nextNonSpace(text, after, text.length());
                if ((before < 0 || text.charAt(before) == '\n') && after < text.length() && text.charAt(after) == '='
                        && (after + 1 == text.length() || text.charAt(after + 1) != '=')) {
                    return at;
                }
            }
            return -1;
        }
    }
}
