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
 * SPDX 2.x JSON SBOMs ({@code *.spdx.json}), read with Jackson's streaming parser: each {@code packages[]}
 * entry's {@code externalRefs} of {@code referenceType} {@code purl}, mapped through {@link Purl}; the
 * {@code referenceLocator} is the purl. Not reported: packages without a purl reference (SPDX names and
 * {@code versionInfo} carry no ecosystem), and purl types with no OSV ecosystem here. A package or reference that
 * is no object, or a purl locator that is no string, is skipped; the rest of the SBOM is read.
 *
 * <p>Each package carries the line of its {@code {}. Its relationship and scope come from the dependency
 * relationships and the document's roots (its {@code documentDescribes}, and what {@code SPDXRef-DOCUMENT}
 * {@code DESCRIBES}): a package a root depends on ({@code root DEPENDS_ON p}, {@code p DEPENDENCY_OF root},
 * {@code p DEV_DEPENDENCY_OF root}, {@code p PREREQUISITE_FOR root}, ...) is direct, one only another package
 * depends on is transitive, and one in no dependency relationship is not told (a document of {@code CONTAINS}
 * alone, as many scanners write, says nothing of it). A direct package's scope is its relationship's:
 * {@code DEV_}, {@code TEST_} and {@code BUILD_DEPENDENCY_OF} are dev, {@code OPTIONAL_DEPENDENCY_OF} optional,
 * {@code RUNTIME_DEPENDENCY_OF} runtime; the others do not say. npm 10.2 and older wrote
 * {@code root DEV_DEPENDENCY_OF p} (npm/cli#6867): a root is never taken for a dependency of a package.
 */
public final class SpdxParser implements DependencyParser {

    private static final String FORMAT = "SPDX";
    private static final String DOCUMENT = "SPDXRef-DOCUMENT";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Relationship types that read "element is a dependency of related", with the scope each says (or null). */
    private static final Map<String, String> DEPENDENCY_OF = new HashMap<>();

    static {
        DEPENDENCY_OF.put("DEPENDENCY_OF", null);
        DEPENDENCY_OF.put("PREREQUISITE_FOR", null);
        DEPENDENCY_OF.put("PROVIDED_DEPENDENCY_OF", null);
        DEPENDENCY_OF.put("RUNTIME_DEPENDENCY_OF", Dependency.RUNTIME);
        DEPENDENCY_OF.put("OPTIONAL_DEPENDENCY_OF", Dependency.OPTIONAL);
        DEPENDENCY_OF.put("DEV_DEPENDENCY_OF", Dependency.DEV);
        DEPENDENCY_OF.put("TEST_DEPENDENCY_OF", Dependency.DEV);
        DEPENDENCY_OF.put("BUILD_DEPENDENCY_OF", Dependency.DEV);
    }

    @Override
    public boolean handles(String path) {
        return path.endsWith(".spdx.json") && !DependencyParser.isVendored(path);
    }

    /** A package's purl, its place among the relationships known once the whole document is read. */
    private record Found(Dependency dependency, String spdxId) {}

    /** One relationship as the document writes it. */
    private record Relationship(String element, String type, String related) {}

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 512);
        List<Found> found = new ArrayList<>();
        Set<String> roots = new HashSet<>();
        List<Relationship> relationships = new ArrayList<>();
        boolean sawVersion = false;
        try (JsonParser json = JSON.createParser(content)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new DependencyFileException("SPDX: not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("spdxVersion") && value == JsonToken.VALUE_STRING) {
                    sawVersion = json.getText().startsWith("SPDX-");
                } else if (field.equals("packages") && value == JsonToken.START_ARRAY) {
                    readPackages(json, content, out, found);
                } else if (field.equals("documentDescribes") && value == JsonToken.START_ARRAY) {
                    readStrings(json, roots);
                } else if (field.equals("relationships") && value == JsonToken.START_ARRAY) {
                    readRelationships(json, relationships);
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new DependencyFileException("SPDX: unexpected " + json.currentToken());
            }
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException("SPDX: " + FileFormats.oneLine(e), e);
        }
        if (!sawVersion) {
            throw new DependencyFileException("SPDX: no spdxVersion");
        }
        Places places = new Places(roots, relationships);
        for (Found one : found) {
            out.add(places.place(one.dependency(), one.spdxId()));
        }
        return out.list();
    }

    /** Which packages the roots depend on (and in which scope), and which other packages depend on. */
    private static final class Places {

        private final Map<String, String> directScopes = new HashMap<>();
        private final Set<String> direct = new HashSet<>();
        private final Set<String> dependedOn = new HashSet<>();

        Places(Set<String> roots, List<Relationship> relationships) {
            for (Relationship one : relationships) {
                if (one.element().equals(DOCUMENT) && one.type().equals("DESCRIBES")) {
                    roots.add(one.related());
                } else if (one.related().equals(DOCUMENT) && one.type().equals("DESCRIBED_BY")) {
                    roots.add(one.element());
                }
            }
            for (Relationship one : relationships) {
                String parent;
                String child;
                String scope = null;
                if (one.type().equals("DEPENDS_ON") || one.type().equals("HAS_PREREQUISITE")) {
                    parent = one.element();
                    child = one.related();
                } else if (DEPENDENCY_OF.containsKey(one.type())) {
                    boolean reversed = roots.contains(one.element()) && !roots.contains(one.related());
                    parent = reversed ? one.element() : one.related();
                    child = reversed ? one.related() : one.element();
                    scope = DEPENDENCY_OF.get(one.type());
                } else {
                    continue;
                }
                if (roots.contains(parent)) {
                    direct.add(child);
                    if (scope != null) {
                        directScopes.merge(child, scope, NpmSpecs::widerScope);
                    }
                } else {
                    dependedOn.add(child);
                }
            }
        }

        Dependency place(Dependency dep, String spdxId) {
            if (spdxId == null) {
                return dep;
            }
            if (direct.contains(spdxId)) {
                return dep.as(directScopes.get(spdxId), Dependency.DIRECT);
            }
            return dependedOn.contains(spdxId) ? dep.as(null, Dependency.TRANSITIVE) : dep;
        }
    }

    /** The packages; each is {@code packages[i]} when it is skipped. */
    private static void readPackages(JsonParser json, byte[] content, FileEntries out, List<Found> found)
            throws IOException {
        JsonToken element;
        for (int i = 0; (element = json.nextToken()) != JsonToken.END_ARRAY && element != null; i++) {
            String entry = "entry packages[" + i + "]";
            if (element != JsonToken.START_OBJECT) {
                out.skip(entry, "not an object", FileFormats.skipValue(json, content));
                continue;
            }
            int line = json.currentTokenLocation().getLineNr();
            String spdxId = null;
            List<Dependency> purls = new ArrayList<>(1);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("externalRefs") && value == JsonToken.START_ARRAY) {
                    readExternalRefs(json, content, entry, out, purls);
                } else if (field.equals("SPDXID") && value == JsonToken.VALUE_STRING) {
                    spdxId = json.getText();
                } else {
                    json.skipChildren();
                }
            }
            for (Dependency dep : purls) {
                found.add(new Found(dep.atLine(line), spdxId));
            }
        }
    }

    private static void readExternalRefs(JsonParser json, byte[] content, String entry, FileEntries out,
            List<Dependency> purls) throws IOException {
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT) {
                out.skip(entry, "external reference is not an object", FileFormats.skipValue(json, content));
                continue;
            }
            long from = json.currentTokenLocation().getByteOffset();
            String type = null;
            String locator = null;
            boolean wrongLocator = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("referenceType") && value == JsonToken.VALUE_STRING) {
                    type = json.getText();
                } else if (field.equals("referenceLocator") && value == JsonToken.VALUE_STRING) {
                    locator = json.getText();
                } else {
                    wrongLocator |= field.equals("referenceLocator");
                    json.skipChildren();
                }
            }
            if ("purl".equals(type) && wrongLocator) {
                out.skip(entry, "purl locator is not a string", FileFormats.excerpt(content, from, json));
            } else if ("purl".equals(type)) {
                Purl.toDependency(locator).ifPresent(purls::add);
            }
        }
    }

    /** An array of strings into {@code into}; other values are passed over. */
    private static void readStrings(JsonParser json, Set<String> into) throws IOException {
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element == JsonToken.VALUE_STRING) {
                into.add(json.getText());
            } else {
                json.skipChildren();
            }
        }
    }

    /** {@code relationships: [{"spdxElementId", "relationshipType", "relatedSpdxElement"}]}; others say nothing. */
    private static void readRelationships(JsonParser json, List<Relationship> into) throws IOException {
        JsonToken element;
        while ((element = json.nextToken()) != JsonToken.END_ARRAY && element != null) {
            if (element != JsonToken.START_OBJECT) {
                json.skipChildren();
                continue;
            }
            String from = null;
            String type = null;
            String to = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (json.nextToken() != JsonToken.VALUE_STRING) {
                    json.skipChildren();
                    continue;
                }
                switch (field) {
                    case "spdxElementId" -> from = json.getText();
                    case "relationshipType" -> type = json.getText();
                    case "relatedSpdxElement" -> to = json.getText();
                    default -> { }
                }
            }
            if (from != null && type != null && to != null) {
                into.add(new Relationship(from, type, to));
            }
        }
    }
}
