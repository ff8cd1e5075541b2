package io.iocstream.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Yarn {@code yarn.lock}, both generations: classic (v1, yarn's own indented text format with
 * {@code version "1.2.3"} lines) and berry (v2+, YAML with a {@code __metadata} entry and
 * {@code version:}/{@code resolution:} fields). A file with a top-level {@code __metadata:} key is berry.
 *
 * <p>An entry's key lists the descriptors that resolved to it ({@code "a@^1.0.0, a@^1.1.0"}); the name is
 * taken from berry's {@code resolution} or else the first descriptor, and an alias
 * ({@code alias@npm:real@range}) is reported under the real name. Git and tarball entries are reported with
 * the version yarn recorded, as the package's own manifest states it. Not reported: the project's own
 * workspaces ({@code workspace:}, version {@code 0.0.0-use.local}), {@code link:}, {@code portal:},
 * {@code file:} and {@code exec:} entries (local code, not a published package), and berry {@code patch:}
 * entries, whose unpatched original is an entry of its own. An entry without a version is a truncated file.
 */
public final class YarnLockParser implements DependencyParser {

    private static final String FORMAT = "yarn.lock";
    private static final List<String> LOCAL_PROTOCOLS =
            List.of("workspace:", "link:", "portal:", "file:", "exec:", "patch:");
    private static final String WORKSPACE_VERSION = "0.0.0-use.local";

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, FORMAT) && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new DependencyFileException(FORMAT + ": empty file");
        }
        Set<Dependency> out = new LinkedHashSet<>();
        if (isBerry(text)) {
            readBerry(text, out);
        } else {
            readClassic(text, out);
        }
        return new ArrayList<>(out);
    }

    /** Whether a line starts with the {@code __metadata:} key (quoted or not) that only berry writes. */
    private static boolean isBerry(String text) {
        String key = "__metadata";
        for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
            int start = at > 0 && text.charAt(at - 1) == '"' ? at - 1 : at;
            int end = at + key.length();
            if (end < text.length() && text.charAt(end) == '"') {
                end++;
            }
            boolean lineStart = start == 0 || text.charAt(start - 1) == '\n' || text.charAt(start - 1) == '\r';
            if (lineStart && end < text.length() && text.charAt(end) == ':') {
                return true;
            }
        }
        return false;
    }

    /** Berry: {@code "descriptors": {version: x, resolution: "name@protocol:..."}}. */
    private static void readBerry(String text, Set<Dependency> out) throws DependencyFileException {
        if (!(JsLockfileYaml.read(text, FORMAT) instanceof Map<?, ?> root)) {
            throw new DependencyFileException(FORMAT + ": berry lockfile is not a YAML mapping");
        }
        for (Map.Entry<?, ?> entry : root.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals("__metadata")) {
                continue;
            }
            if (!(entry.getValue() instanceof Map<?, ?> fields)) {
                throw new DependencyFileException(FORMAT + ": entry " + key + " is not a mapping");
            }
            if (!(fields.get("version") instanceof String version)) {
                throw new DependencyFileException(FORMAT + ": entry " + key + " has no version");
            }
            String locator = fields.get("resolution") instanceof String resolution
                    ? resolution : firstDescriptor(key);
            add(out, locator, version);
        }
    }

    /** Classic: unindented keys ending in {@code :}, two-space-indented fields, deeper blocks ignored. */
    private static void readClassic(String text, Set<Dependency> out) throws DependencyFileException {
        String key = null;
        String version = null;
        int lineNumber = 0;
        for (String line : FileFormats.lines(text)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (!trimmed.endsWith(":")) {
                    throw new DependencyFileException(FORMAT + ": line " + lineNumber + " is not an entry key");
                }
                finishClassic(out, key, version);
                key = trimmed.substring(0, trimmed.length() - 1);
                version = null;
                continue;
            }
            if (key == null) {
                throw new DependencyFileException(FORMAT + ": line " + lineNumber + " is indented outside an entry");
            }
            int space = trimmed.indexOf(' ');
            String value = space < 0 ? "" : trimmed.substring(space + 1).strip();
            if (value.startsWith("\"") && (value.length() < 2 || !value.endsWith("\""))) {
                throw new DependencyFileException(FORMAT + ": line " + lineNumber + " has an unterminated string");
            }
            if (line.startsWith("  ") && !line.startsWith("   ") && space > 0
                    && trimmed.substring(0, space).equals("version")) {
                // quotes are not part of the version
                version = unquote(value);
            }
        }
        finishClassic(out, key, version);
    }

    private static void finishClassic(Set<Dependency> out, String key, String version)
            throws DependencyFileException {
        if (key == null) {
            return;
        }
        if (version == null) {
            throw new DependencyFileException(FORMAT + ": entry " + key + " has no version");
        }
        add(out, firstDescriptor(key), version);
    }

    /** Adds {@code name@spec} at {@code version} unless it is local code; resolves {@code npm:} aliases. */
    private static void add(Set<Dependency> out, String descriptor, String version) {
        String name = NpmSpecs.nameOf(descriptor);
        String spec = NpmSpecs.specOf(descriptor);
        String real = NpmSpecs.aliasTarget(spec);
        if (real != null) {
            name = real;
        } else if (spec != null && LOCAL_PROTOCOLS.stream().anyMatch(spec::startsWith)) {
            return;
        }
        if (!name.isEmpty() && !version.equals(WORKSPACE_VERSION) && NpmSpecs.isExactVersion(version)) {
            out.add(new Dependency(NpmSpecs.ECOSYSTEM, name, version));
        }
    }

    /** The first of a key's comma-separated, possibly quoted descriptors. */
    private static String firstDescriptor(String key) {
        int comma = key.indexOf(", ");
        return unquote((comma < 0 ? key : key.substring(0, comma)).strip());
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
