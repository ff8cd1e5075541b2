package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * npm {@code package.json} manifests, read with Jackson's streaming parser.
 *
 * <p>A manifest states ranges, not installed versions, so only entries of {@code dependencies},
 * {@code devDependencies}, {@code optionalDependencies} and {@code peerDependencies} whose spec pins one exact
 * version ({@code 1.3.8}, {@code =1.3.8}, {@code v1.3.8}) are reported; {@code npm:real@1.2.3} aliases are
 * reported under the real name. The manifest's own {@code name} and {@code version} are reported too, since a
 * repository whose package is a compromised release is itself a finding, unless it is {@code "private": true}
 * (never published, so never the registry package). Ranges, tags, git, URL, file and workspace specs are not.
 * A version is reported as written after the {@code =} ({@code v1.3.8} stays {@code v1.3.8}). A section that is no
 * object, or an entry whose spec is no string, is skipped; the rest of the manifest is read.
 *
 * <p>Each dependency carries the line of its entry, is direct (a manifest names only its own dependencies) and has
 * its section's scope: {@code dependencies} and {@code peerDependencies} (the host must provide them at run time)
 * are runtime, {@code devDependencies} dev, {@code optionalDependencies} optional. The package itself carries the
 * line of its {@code name} and neither scope nor relationship: it is no dependency.
 */
public final class PackageJsonParser implements DependencyParser {

    private static final String FORMAT = "package.json";
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> SECTIONS =
            Set.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies");

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, FORMAT) && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        if (content.length == 0) {
            throw new DependencyFileException(FORMAT + ": empty file");
        }
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 32);
        String name = null;
        int nameLine = 0;
        String version = null;
        boolean isPrivate = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException(FORMAT + ": not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (SECTIONS.contains(field)) {
                    readSection(json, content, field, out);
                } else if (field.equals("name") && value == JsonToken.VALUE_STRING) {
                    name = json.getText();
                    nameLine = json.currentTokenLocation().getLineNr();
                } else if (field.equals("version") && value == JsonToken.VALUE_STRING) {
                    version = json.getText();
                } else if (field.equals("private")) {
                    isPrivate = value == JsonToken.VALUE_TRUE;
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new DependencyFileException(FORMAT + ": unexpected " + json.currentToken());
            }
            if (json.nextToken() != null) {
                throw new DependencyFileException(FORMAT + ": content after the top-level object");
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException(FORMAT + ": " + NpmSpecs.oneLine(e), e);
        }
        // the package itself first, then its dependencies in file order, each once
        String ownVersion = version == null ? null : exactVersion(version);
        if (name == null || name.isBlank() || ownVersion == null || isPrivate) {
            return out.list();
        }
        // checked as the dependencies are: a hostile name is skipped, not reported
        FileEntries itself = new FileEntries(FORMAT, skipped, 1);
        itself.add(new Dependency(NpmSpecs.ECOSYSTEM, name, ownVersion).atLine(nameLine));
        if (itself.list().isEmpty()) {
            return out.list();
        }
        Dependency own = itself.list().get(0);
        List<Dependency> result = new ArrayList<>(out.list().size() + 1);
        result.add(own);
        for (Dependency dep : out.list()) {
            if (!dep.identity().equals(own.identity())) {
                result.add(dep);
            }
        }
        return result;
    }

    /** {@code {"name": "spec", ...}}; a section of another shape, or an entry whose spec is no string, is skipped. */
    private static void readSection(JsonParser json, byte[] content, String section, FileEntries out)
            throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (json.currentToken() != JsonToken.START_OBJECT) {
            out.skip("entry " + section, "not an object", FileFormats.skipValue(json, content));
            return;
        }
        String scope = switch (section) {
            case "devDependencies" -> Dependency.DEV;
            case "optionalDependencies" -> Dependency.OPTIONAL;
            default -> Dependency.RUNTIME;
        };
        for (String name; (name = json.nextFieldName()) != null; ) {
            int line = json.currentTokenLocation().getLineNr();
            String spec = json.nextTextValue();
            if (spec == null) {
                out.skip("entry " + section + "." + name, "spec is not a string",
                        FileFormats.skipValue(json, content));
            } else {
                add(out, name, spec.strip(), line, scope);
            }
        }
    }

    private static void add(FileEntries out, String name, String spec, int line, String scope) {
        String real = NpmSpecs.aliasTarget(spec);
        if (real != null) {
            String target = spec.substring("npm:".length());
            String aliasSpec = NpmSpecs.specOf(target);
            String version = aliasSpec == null ? null : exactVersion(aliasSpec);
            if (version != null) {
                out.add(new Dependency(NpmSpecs.ECOSYSTEM, real, version, line, scope, Dependency.DIRECT));
            }
            return;
        }
        String version = exactVersion(spec);
        if (version != null) {
            out.add(new Dependency(NpmSpecs.ECOSYSTEM, name, version, line, scope, Dependency.DIRECT));
        }
    }

    /** The version an exact spec pins, as written ({@code v1.3.8} from {@code =v1.3.8}), or null. */
    private static String exactVersion(String spec) {
        // the = operator and blanks are not part of the version
        String version = spec.strip();
        if (version.startsWith("=")) {
            version = version.substring(1).strip();
        }
        // a v is npm's spelling of the same version: kept, and dropped by the matcher (VersionSpelling)
        String bare = version.startsWith("v") ? version.substring(1) : version;
        return NpmSpecs.isExactVersion(bare) ? version : null;
    }
}
