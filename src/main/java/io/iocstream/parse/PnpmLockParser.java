package io.iocstream.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pnpm {@code pnpm-lock.yaml}, lockfile versions 5 to 9, read through {@link JsLockfileYaml} (bounded size and
 * depth, no YAML aliases).
 *
 * <p>Every installed package is a key of {@code packages}. v5 writes {@code /name/1.2.3} and
 * {@code /@scope/name/1.2.3}, with peer suffixes after an underscore ({@code /a/1.0.0_b@2.0.0}); v6 writes
 * {@code /name@1.2.3(peer@x)}; v9 drops the leading slash ({@code name@1.2.3}) and repeats each package with its
 * peers under {@code snapshots}, which adds nothing and is not read. Git and tarball packages have keys that are
 * URLs or paths ({@code github.com/org/repo/sha}, {@code name@https://...}) and carry {@code name} and
 * {@code version} fields, which win over the key; they are reported with that version, as the package's own
 * manifest states it. Not reported: {@code file:} and {@code link:} packages and {@code type: directory}
 * resolutions (local code, not a published package), and entries with no exact version. An entry that cannot be
 * read (not a mapping, a {@code name} or {@code version} that is no string, a key that names no package and no fields
 * that do) is skipped; the text is decoded leniently, so that a stray byte costs only the entry it is in.
 *
 * <p>Each package carries the line of its key under {@code packages}. It is direct when an importer (the project
 * or a workspace under {@code importers}; before v9 a single project's top-level sections) lists it in
 * {@code dependencies}, {@code optionalDependencies} or {@code devDependencies}, whose version resolves to the
 * package's key (or, when it resolves to none, names a package of that name), and its scope is that section's
 * (runtime wins over optional over dev); every other package is transitive. A transitive package's scope comes
 * from its {@code dev} and {@code optional} flags, which v5 and v6 write ({@code dev: true} dev, {@code dev: false}
 * or no flag runtime, {@code optional: true} optional); v9 writes none, so it is not told.
 */
public final class PnpmLockParser implements DependencyParser {

    private static final String FORMAT = "pnpm-lock.yaml";
    private static final String PACKAGES = "packages";
    private static final Map<String, String> IMPORTER_SECTIONS = Map.of("dependencies", Dependency.RUNTIME,
            "optionalDependencies", Dependency.OPTIONAL, "devDependencies", Dependency.DEV);

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, FORMAT) && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new DependencyFileException(FORMAT + ": empty file");
        }
        JsLockfileYaml.KeyLines lines = new JsLockfileYaml.KeyLines(PACKAGES);
        if (!(JsLockfileYaml.read(text, FORMAT, lines) instanceof Map<?, ?> root)) {
            throw new DependencyFileException(FORMAT + ": not a YAML mapping");
        }
        int major = majorVersion(root.get("lockfileVersion"));
        Importers importers = new Importers();
        if (root.get("importers") instanceof Map<?, ?> projects) {
            for (Object project : projects.values()) {
                if (project instanceof Map<?, ?> sections) {
                    importers.read(sections);
                }
            }
        } else {
            importers.read(root);
        }
        Object packages = root.get(PACKAGES);
        FileEntries out = new FileEntries(FORMAT, skipped, text.length() / 256);
        if (packages == null) {
            return out.list();
        }
        if (!(packages instanceof Map<?, ?> entries)) {
            out.skip("entry packages", "packages is not a mapping", String.valueOf(packages));
            return out.list();
        }
        // in file order; a package is known direct by name only once every key is read
        List<Dependency> found = new ArrayList<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            Map<?, ?> fields = value instanceof Map<?, ?> map ? map : Map.of();
            String problem = value != null && !(value instanceof Map) ? "not a mapping"
                    : !isStringOrAbsent(fields.get("name")) ? "name is not a string"
                    : !isStringOrAbsent(fields.get("version")) ? "version is not a string" : null;
            if (problem != null) {
                out.skip("entry " + key, problem, String.valueOf(value));
                continue;
            }
            if (isLocal(key, fields)) {
                continue;
            }
            String[] fromKey = major < 6 ? splitV5(key) : splitV6(key);
            String name = fields.get("name") instanceof String n ? n : fromKey[0];
            String version = fields.get("version") instanceof String v ? v : fromKey[1];
            if (name == null && version == null) {
                out.skip("entry " + key, "names no package and version", key);
            } else if (name != null && !name.isEmpty() && NpmSpecs.isExactVersion(version)) {
                Dependency dep = new Dependency(NpmSpecs.ECOSYSTEM, name, version).atLine(lines.of(PACKAGES, key));
                String direct = importers.scopeOfKey(key);
                found.add(direct != null ? dep.as(direct, Dependency.DIRECT)
                        : dep.as(major < 9 ? flaggedScope(fields) : null, Dependency.TRANSITIVE));
            }
        }
        for (Dependency dep : found) {
            // a direct dependency whose version names no package key (a hand-edited lockfile) is known by name
            String direct = dep.relationship().equals(Dependency.DIRECT) ? null
                    : importers.scopeOfUnresolvedName(dep.name());
            out.add(direct == null ? dep : dep.as(direct, Dependency.DIRECT));
        }
        return out.list();
    }

    /** v5 and v6: {@code dev: true} is dev, {@code optional: true} optional, anything else runtime. */
    private static String flaggedScope(Map<?, ?> fields) {
        if ("true".equals(fields.get("dev"))) {
            return Dependency.DEV;
        }
        return "true".equals(fields.get("optional")) ? Dependency.OPTIONAL : Dependency.RUNTIME;
    }

    /**
     * What the importers list: the package keys their versions may resolve to, each with the widest scope it is
     * listed in. An importer writes {@code name: version} (v5) or {@code name: {specifier, version}} (v6, v9); the
     * version is {@code 1.2.3}, {@code 1.2.3(peer@x)}, an alias's {@code /real/1.2.3}, {@code /real@1.2.3} or
     * {@code real@1.2.3}, or a git or tarball package's key.
     */
    private static final class Importers {

        private final Map<String, String> scopeByKey = new HashMap<>();
        private final Map<String, String> scopeByName = new HashMap<>();
        private final Set<String> resolvedNames = new HashSet<>();
        private final Map<String, String> nameByKey = new HashMap<>();

        void read(Map<?, ?> importer) {
            for (Map.Entry<String, String> section : IMPORTER_SECTIONS.entrySet()) {
                if (!(importer.get(section.getKey()) instanceof Map<?, ?> deps)) {
                    continue;
                }
                for (Map.Entry<?, ?> dep : deps.entrySet()) {
                    String name = String.valueOf(dep.getKey());
                    Object value = dep.getValue();
                    String version = value instanceof String v ? v
                            : value instanceof Map<?, ?> fields && fields.get("version") instanceof String v ? v : null;
                    if (version != null && !version.startsWith("link:") && !version.startsWith("file:")) {
                        add(name, version, section.getValue());
                    }
                }
            }
        }

        private void add(String name, String version, String scope) {
            int paren = version.indexOf('(');
            String bare = paren < 0 ? version : version.substring(0, paren);
            for (String key : List.of(version, bare, "/" + name + "/" + version, "/" + name + "@" + version,
                    name + "@" + version, name + "@" + bare)) {
                scopeByKey.merge(key, scope, NpmSpecs::widerScope);
                nameByKey.putIfAbsent(key, name);
            }
            scopeByName.merge(name, scope, NpmSpecs::widerScope);
        }

        /** The scope of the package under {@code key} when an importer lists it, else null. */
        String scopeOfKey(String key) {
            String scope = scopeByKey.get(key);
            if (scope != null) {
                resolvedNames.add(nameByKey.get(key));
            }
            return scope;
        }

        /** The scope an importer lists {@code name} in when none of its versions resolved to a key, else null. */
        String scopeOfUnresolvedName(String name) {
            return resolvedNames.contains(name) ? null : scopeByName.get(name);
        }
    }

    private static boolean isStringOrAbsent(Object value) {
        return value == null || value instanceof String;
    }

    /** {@code lockfileVersion: 5.3} or {@code '9.0'}; older lockfiles (and npm's JSON lockfiles) are refused. */
    private static int majorVersion(Object lockfileVersion) throws DependencyFileException {
        if (!(lockfileVersion instanceof String text)) {
            throw new DependencyFileException(FORMAT + ": no lockfileVersion");
        }
        int dot = text.indexOf('.');
        int major;
        try {
            major = Integer.parseInt((dot < 0 ? text : text.substring(0, dot)).strip());
        } catch (NumberFormatException e) {
            throw new DependencyFileException(FORMAT + ": lockfileVersion " + text + " is not a number", e);
        }
        if (major < 5) {
            throw new DependencyFileException(FORMAT + ": unsupported lockfileVersion " + text);
        }
        return major;
    }

    private static boolean isLocal(String key, Map<?, ?> fields) {
        String bare = key.startsWith("/") ? key.substring(1) : key;
        String spec = NpmSpecs.specOf(bare);
        boolean localKey = bare.startsWith("file:") || bare.startsWith("link:")
                || (spec != null && (spec.startsWith("file:") || spec.startsWith("link:")));
        boolean directory = fields.get("resolution") instanceof Map<?, ?> resolution
                && "directory".equals(resolution.get("type"));
        return localKey || directory;
    }

    /** v5: {@code /name/1.2.3_peer@x} or {@code /@scope/name/1.2.3}; {@code {null, null}} for any other key. */
    private static String[] splitV5(String key) {
        if (!key.startsWith("/")) {
            return new String[] {null, null};
        }
        String bare = key.substring(1);
        int nameEnd = bare.indexOf('/', bare.startsWith("@") ? bare.indexOf('/') + 1 : 0);
        if (nameEnd <= 0) {
            return new String[] {null, null};
        }
        String version = bare.substring(nameEnd + 1);
        // a peer suffix (_peer@x) is not part of the version
        int underscore = version.indexOf('_');
        if (underscore >= 0) {
            version = version.substring(0, underscore);
        }
        return version.contains("/") ? new String[] {null, null} : new String[] {bare.substring(0, nameEnd), version};
    }

    /** v6 to v9: {@code /name@1.2.3(peer@x)} or {@code name@1.2.3}; the version part may be a URL for tarballs. */
    private static String[] splitV6(String key) {
        String bare = key.startsWith("/") ? key.substring(1) : key;
        // a peer suffix ((peer@x)) is not part of the version
        int paren = bare.indexOf('(');
        if (paren >= 0) {
            bare = bare.substring(0, paren);
        }
        String spec = NpmSpecs.specOf(bare);
        return spec == null ? new String[] {null, null} : new String[] {NpmSpecs.nameOf(bare), spec};
    }
}
