package io.iocstream.parse;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
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
 * entries, whose unpatched original is an entry of its own. An entry that cannot be read (without a version, with an
 * unterminated string, under a line that is no key) is skipped; the rest of the file is read. The text is decoded
 * leniently, so that a stray byte costs only the entry it is in.
 *
 * <p>Each dependency carries the line of its entry's key, in both generations, and no scope: neither marks what
 * only development needs (berry's workspace entries merge {@code devDependencies} into {@code dependencies}).
 * Classic does not say which are direct either (it lists no workspaces). Berry does: an entry one of whose
 * descriptors a workspace entry ({@code resolution: "app@workspace:."}) lists under {@code dependencies} is direct,
 * every other entry transitive; a berry file without a workspace entry does not say.
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
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new DependencyFileException(FORMAT + ": empty file");
        }
        FileEntries out = new FileEntries(FORMAT, skipped, text.length() / 256);
        if (isBerry(text)) {
            readBerry(text, out);
        } else {
            readClassic(text, out);
        }
        return out.list();
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
    private static void readBerry(String text, FileEntries out) throws DependencyFileException {
        JsLockfileYaml.KeyLines lines = new JsLockfileYaml.KeyLines();
        if (!(JsLockfileYaml.read(text, FORMAT, lines) instanceof Map<?, ?> root)) {
            throw new DependencyFileException(FORMAT + ": berry lockfile is not a YAML mapping");
        }
        Set<String> direct = workspaceDescriptors(root);
        for (Map.Entry<?, ?> entry : root.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals("__metadata")) {
                continue;
            }
            if (!(entry.getValue() instanceof Map<?, ?> fields)) {
                out.skip("entry " + key, "not a mapping", String.valueOf(entry.getValue()));
                continue;
            }
            if (!(fields.get("version") instanceof String version)) {
                out.skip("entry " + key, "no version", String.valueOf(fields));
                continue;
            }
            String locator = fields.get("resolution") instanceof String resolution
                    ? resolution : firstDescriptor(key);
            String relationship = direct == null ? null
                    : isListed(key, direct) ? Dependency.DIRECT : Dependency.TRANSITIVE;
            add(out, locator, version, lines.of(key), relationship);
        }
    }

    /**
     * The descriptors ({@code lodash@npm:^4.17.21}) the workspace entries ({@code resolution: "x@workspace:..."})
     * list under {@code dependencies}, as an entry's key spells them; null when the file has no workspace entry.
     */
    private static Set<String> workspaceDescriptors(Map<?, ?> root) {
        Set<String> descriptors = null;
        for (Object value : root.values()) {
            if (value instanceof Map<?, ?> fields && fields.get("resolution") instanceof String resolution
                    && resolution.contains("@workspace:")) {
                descriptors = descriptors == null ? new HashSet<>() : descriptors;
                if (fields.get("dependencies") instanceof Map<?, ?> dependencies) {
                    for (Map.Entry<?, ?> dep : dependencies.entrySet()) {
                        descriptors.add(dep.getKey() + "@" + dep.getValue());
                    }
                }
            }
        }
        return descriptors;
    }

    /** Whether one of a key's comma-separated descriptors is in {@code descriptors}. */
    private static boolean isListed(String key, Set<String> descriptors) {
        for (String descriptor : key.split(",")) {
            if (descriptors.contains(unquote(descriptor.strip()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Classic: unindented keys ending in {@code :}, two-space-indented fields, deeper blocks ignored. The lines under
     * an unindented line that is no key belong to no entry and are skipped with it.
     */
    private static void readClassic(String text, FileEntries out) {
        String key = null;
        String version = null;
        String problem = null;
        boolean inBadLine = false;
        int lineNumber = 0;
        int keyLine = 0;
        for (String line : FileFormats.lines(text)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                finishClassic(out, key, keyLine, version, problem);
                keyLine = lineNumber;
                inBadLine = !trimmed.endsWith(":");
                key = inBadLine ? null : trimmed.substring(0, trimmed.length() - 1);
                version = null;
                problem = null;
                if (inBadLine) {
                    out.skipLine(lineNumber, "not an entry key", line, 0, line.length());
                }
                continue;
            }
            if (key == null) {
                if (!inBadLine) {
                    out.skipLine(lineNumber, "indented outside an entry", line, 0, line.length());
                }
                continue;
            }
            int space = trimmed.indexOf(' ');
            String value = space < 0 ? "" : trimmed.substring(space + 1).strip();
            if (value.startsWith("\"") && (value.length() < 2 || !value.endsWith("\""))) {
                problem = "unterminated string on line " + lineNumber;
            } else if (line.startsWith("  ") && !line.startsWith("   ") && space > 0
                    && trimmed.substring(0, space).equals("version")) {
                // quotes are not part of the version
                version = unquote(value);
            }
        }
        finishClassic(out, key, keyLine, version, problem);
    }

    /** Adds the entry {@code key}, or skips it when it has a problem or no version. */
    private static void finishClassic(FileEntries out, String key, int keyLine, String version, String problem) {
        if (key == null) {
            return;
        }
        if (problem != null || version == null) {
            out.skip("entry " + key, problem != null ? problem : "no version", key);
        } else {
            add(out, firstDescriptor(key), version, keyLine, null);
        }
    }

    /**
     * Adds {@code name@spec} at {@code version}, named on {@code line} (0: not known) with {@code relationship} (null:
     * not told), unless it is local code; resolves {@code npm:} aliases.
     */
    private static void add(FileEntries out, String descriptor, String version, int line, String relationship) {
        String name = NpmSpecs.nameOf(descriptor);
        String spec = NpmSpecs.specOf(descriptor);
        String real = NpmSpecs.aliasTarget(spec);
        if (real != null) {
            name = real;
        } else if (spec != null && LOCAL_PROTOCOLS.stream().anyMatch(spec::startsWith)) {
            return;
        }
        if (!name.isEmpty() && !version.equals(WORKSPACE_VERSION) && NpmSpecs.isExactVersion(version)) {
            out.add(new Dependency(NpmSpecs.ECOSYSTEM, name, version).atLine(line).as(null, relationship));
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
