package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CycloneDX JSON SBOMs ({@code bom.json}, {@code *.cdx.json}), read with Jackson's streaming parser: every
 * {@code components[]} entry with a {@code purl}, including components nested inside components, mapped through
 * {@link Purl}. Not reported: {@code metadata.component} (the subject the SBOM describes, not a dependency),
 * components without a purl, and purl types with no OSV ecosystem here (github, docker, generic, ...). A component
 * that is no object, or whose {@code purl} is no string, is skipped; the rest of the SBOM is read. The XML form is
 * not read.
 *
 * <p>Each component carries the line of its {@code {}. Its scope is its {@code scope}'s: {@code required} is
 * runtime, {@code optional} optional; {@code excluded} (not part of what runs: tests, builds, tooling) and no scope
 * are not told, unless the npm taxonomy's property {@code cdx:npm:package:development} says {@code true}, which is
 * dev (npm's own {@code npm sbom} marks development packages so and calls them {@code required}). When the
 * {@code dependencies} graph has an entry for the subject ({@code metadata.component}'s {@code bom-ref}), the
 * components its {@code dependsOn} names are direct and every other component with a {@code bom-ref} is transitive;
 * without that entry the SBOM does not say.
 */
public final class CycloneDxParser implements DependencyParser {

    private static final String FORMAT = "CycloneDX";
    private static final String DEVELOPMENT_PROPERTY = "cdx:npm:package:development";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public boolean handles(String path) {
        return (DependencyParser.isNamed(path, "bom.json") || path.endsWith(".cdx.json"))
                && !DependencyParser.isVendored(path);
    }

    /** A component with a purl, its place in the graph known once the whole SBOM is read. */
    private record Component(Dependency dependency, String ref) {}

    /**
     * What the whole SBOM says: its components, its subject's {@code bom-ref}, and the dependency graph, what each
     * {@code ref} depends on ({@code metadata} may follow the graph, so the subject's entry is looked up at the end).
     */
    private static final class Bom {
        final List<Component> components = new ArrayList<>();
        final Map<String, Set<String>> graph = new HashMap<>();
        String subject;
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 256);
        Bom bom = new Bom();
        boolean sawFormat = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("CycloneDX: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("bomFormat") && value == JsonToken.VALUE_STRING) {
                    sawFormat = json.getText().equals("CycloneDX");
                } else if (field.equals("components") && value == JsonToken.START_ARRAY) {
                    readComponents(json, content, "components", out, bom);
                } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    bom.subject = subjectRef(json);
                } else if (field.equals("dependencies") && value == JsonToken.START_ARRAY) {
                    readGraph(json, bom);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new DependencyFileException("CycloneDX: unexpected " + json.currentToken());
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException("CycloneDX: " + FileFormats.oneLine(e), e);
        }
        if (!sawFormat) {
            throw new DependencyFileException("CycloneDX: no \"bomFormat\": \"CycloneDX\"");
        }
        // without the subject's entry, the graph does not say which components are direct
        Set<String> direct = bom.subject == null ? null : bom.graph.get(bom.subject);
        for (Component component : bom.components) {
            Dependency dep = component.dependency();
            String relationship = direct == null || component.ref() == null ? null
                    : direct.contains(component.ref()) ? Dependency.DIRECT : Dependency.TRANSITIVE;
            out.add(dep.as(dep.scope(), relationship));
        }
        return out.list();
    }

    /** {@code metadata}: the {@code bom-ref} of its {@code component}, or null. */
    private static String subjectRef(JsonParser json) throws IOException {
        String ref = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("component") && value == JsonToken.START_OBJECT) {
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = json.currentName();
                    if (json.nextToken() == JsonToken.VALUE_STRING && inner.equals("bom-ref")) {
                        ref = json.getText();
                    } else {
                        json.skipChildren();
                    }
                }
            } else {
                json.skipChildren();
            }
        }
        return ref;
    }

    /** The components of the array at {@code path}; each is {@code path[i]} when it is skipped. */
    private static void readComponents(JsonParser json, byte[] content, String path, FileEntries out, Bom bom)
            throws IOException {
        JsonToken element;
        for (int i = 0; (element = json.nextToken()) != JsonToken.END_ARRAY && element != null; i++) {
            if (element != JsonToken.START_OBJECT) {
                out.skip("entry " + path + "[" + i + "]", "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            int line = json.currentTokenLocation().getLineNr();
            // a component comes before those nested in it, which are read first
            int position = bom.components.size();
            Dependency dep = null;
            String ref = null;
            String scope = null;
            boolean development = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("purl") && value == JsonToken.VALUE_STRING) {
                    dep = Purl.toDependency(json.getText()).orElse(null);
                } else if (field.equals("purl")) {
                    out.skip("entry " + path + "[" + i + "]", "purl is not a string",
                            FileFormats.skipValue(json, content));
                } else if (field.equals("bom-ref") && value == JsonToken.VALUE_STRING) {
                    ref = json.getText();
                } else if (field.equals("scope") && value == JsonToken.VALUE_STRING) {
                    scope = switch (json.getText()) {
                        case "required" -> Dependency.RUNTIME;
                        case "optional" -> Dependency.OPTIONAL;
                        default -> null;
                    };
                } else if (field.equals("properties") && value == JsonToken.START_ARRAY) {
                    development = isDevelopment(json);
                } else if (field.equals("components") && value == JsonToken.START_ARRAY) {
                    readComponents(json, content, path + "[" + i + "].components", out, bom);
                } else {
                    json.skipChildren();
                }
            }
            if (dep != null) {
                bom.components.add(position, new Component(
                        dep.atLine(line).as(development ? Dependency.DEV : scope, null), ref));
            }
        }
    }

    /** {@code properties}: whether one is {@code {"name": "cdx:npm:package:development", "value": "true"}}. */
    private static boolean isDevelopment(JsonParser json) throws IOException {
        boolean development = false;
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String name = null;
            String value = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (json.nextToken() == JsonToken.VALUE_STRING && field.equals("name")) {
                    name = json.getText();
                } else if (json.currentToken() == JsonToken.VALUE_STRING && field.equals("value")) {
                    value = json.getText();
                } else {
                    json.skipChildren();
                }
            }
            development |= DEVELOPMENT_PROPERTY.equals(name) && "true".equals(value);
        }
        return development;
    }

    /** {@code dependencies: [{"ref": ..., "dependsOn": [...]}]}: entries of any other shape say nothing. */
    private static void readGraph(JsonParser json, Bom bom) throws IOException {
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String ref = null;
            Set<String> dependsOn = new HashSet<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("ref") && value == JsonToken.VALUE_STRING) {
                    ref = json.getText();
                } else if (field.equals("dependsOn") && value == JsonToken.START_ARRAY
                        && (bom.subject == null || ref == null || ref.equals(bom.subject))) {
                    // once the subject is known (metadata comes first in nearly every SBOM), only its entry counts
                    while (json.nextToken() != JsonToken.END_ARRAY && json.currentToken() != null) {
                        if (json.currentToken() == JsonToken.VALUE_STRING) {
                            dependsOn.add(json.getText());
                        } else {
                            json.skipChildren();
                        }
                    }
                } else {
                    json.skipChildren();
                }
            }
            if (ref != null && (bom.subject == null || ref.equals(bom.subject))) {
                bom.graph.computeIfAbsent(ref, any -> new HashSet<>()).addAll(dependsOn);
            }
        }
    }
}
