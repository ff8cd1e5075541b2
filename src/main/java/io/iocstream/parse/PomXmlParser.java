package io.iocstream.parse;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Maven's {@code pom.xml}, streamed with the JDK's StAX reader; a document type declaration is refused (a pom
 * from an untrusted repository must not make the scanner read local files or the network, nor expand entity
 * bombs). Reported: the {@code <dependency>} entries of {@code <dependencies>} and {@code <dependencyManagement>},
 * at project level and in each {@code <profile>}, as {@code groupId:artifactId}, with {@code ${property}} versions
 * resolved from {@code <properties>} (a profile's own properties first) and {@code ${project.version}} and friends.
 * Not reported: dependencies without a version or whose version is a range or refers to a property the file does
 * not define (it lives in a parent pom this file does not contain), the parent pom itself, and build plugins and
 * their dependencies. Where an element occurs twice, the first counts, as Maven reads it. A dependency whose
 * coordinates expand to more than {@link EntryValues#MAX_LENGTH} characters (properties that repeat each other
 * grow exponentially) is skipped, and so is one with a name or version no ecosystem allows.
 *
 * <p>Each dependency is reported at the line of its {@code <dependency>} tag. A dependency of {@code <dependencies>}
 * is direct; its Maven scope maps to a scope: {@code compile} (the default), {@code runtime} and {@code system} are
 * runtime, {@code test} and {@code provided} are dev (the build uses them, the artifact does not carry them: a
 * provided one is the container's copy at run time, not the version named here), and {@code <optional>true}
 * makes a runtime one optional (an empty {@code <optional/>} is false, as Maven reads it). A managed one
 * ({@code <dependencyManagement>}) only sets a version: it is direct, with the scope of the declaration, when
 * {@code <dependencies>} of the same project or profile declares the same coordinates, and otherwise of an
 * unknown relationship, with the scope its own {@code <scope>} gives (none: unknown); {@code import} names a bill
 * of materials, whose scope is unknown.
 */
public final class PomXmlParser implements DependencyParser {

    private static final String FORMAT = "pom.xml";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_EXPANSIONS = 10;

    /** A {@code <dependency>} as written, before its references are resolved, and the line of its tag. */
    private record Declared(String group, String artifact, String version, int line, String scope,
            String optional) {

        String coordinates() {
            return group + ":" + artifact;
        }
    }

    /** The dependencies (managed ones apart) of the project or of one profile, and the properties they see. */
    private record Scope(Map<String, String> properties, List<Declared> dependencies, List<Declared> managed) {}

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "pom.xml") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        if (content.length == 0) {
            throw new DependencyFileException("pom.xml: empty file");
        }
        List<Scope> scopes = new ArrayList<>();
        try {
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                if (!nextChild(xml) || !xml.getLocalName().equals("project")) {
                    throw new DependencyFileException("pom.xml: root element is not <project>");
                }
                readProject(xml, scopes);
                while (xml.hasNext()) {
                    next(xml);
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new DependencyFileException("pom.xml: " + FileFormats.oneLine(e), e);
        }
        FileEntries out = new FileEntries(FORMAT, skipped, content.length / 256);
        for (Scope scope : scopes) {
            // only managed dependencies are looked up in it, and most poms manage none
            Map<String, Declared> direct = scope.managed().isEmpty() ? Map.of() : new HashMap<>();
            for (Declared declared : scope.dependencies()) {
                if (!scope.managed().isEmpty()) {
                    direct.putIfAbsent(declared.coordinates(), declared);
                }
                add(declared, scope(declared, scope.properties(), null), Dependency.DIRECT, scope, out);
            }
            for (Declared managed : scope.managed()) {
                Declared declared = direct.get(managed.coordinates());
                String managedScope = managed.scope() == null ? null : scope(managed, scope.properties(), null);
                if (declared == null) {
                    add(managed, managedScope, null, scope, out);
                } else {
                    // the declaration's own scope wins over the managed one, which wins over Maven's default
                    add(managed, scope(declared, scope.properties(), managed.scope()), Dependency.DIRECT, scope,
                            out);
                }
            }
        }
        return out.list();
    }

    /** Adds one dependency, its references resolved, if it names an exact version. */
    private static void add(Declared declared, String depScope, String relationship, Scope scope, FileEntries out) {
        String group = resolve(declared.group(), scope.properties());
        String artifact = resolve(declared.artifact(), scope.properties());
        // a ${property} version is the value the file writes for that property
        String version = resolve(declared.version(), scope.properties());
        if (isTooLong(group) || isTooLong(artifact) || isTooLong(version)) {
            out.skip("entry " + declared.coordinates(), "longer than " + EntryValues.MAX_LENGTH
                    + " characters once its properties are expanded",
                    declared.coordinates() + ":" + declared.version());
        } else if (group != null && artifact != null && version != null && isExact(version)) {
            out.add(new Dependency("Maven", group + ":" + artifact, version, declared.line(), depScope,
                    relationship));
        }
    }

    /**
     * The scope of a declaration: its Maven scope (else {@code fallback}, else {@code compile}) mapped as the class
     * comment says, and {@code <optional>true} over a runtime one.
     */
    private static String scope(Declared declared, Map<String, String> properties, String fallback) {
        String written = declared.scope() != null ? declared.scope() : fallback != null ? fallback : "compile";
        String mavenScope = resolve(written, properties);
        String scope = mavenScope == null ? null : switch (mavenScope) {
            case "compile", "runtime", "system" -> Dependency.RUNTIME;
            case "test", "provided" -> Dependency.DEV;
            default -> null; // import (a bill of materials), or a scope Maven does not know
        };
        String optional = resolve(declared.optional(), properties);
        return Dependency.RUNTIME.equals(scope) && "true".equalsIgnoreCase(optional) ? Dependency.OPTIONAL : scope;
    }

    /** The project's scope first, then one per profile, each profile's properties over the project's. */
    private static void readProject(XMLStreamReader xml, List<Scope> scopes)
            throws XMLStreamException, DependencyFileException {
        Map<String, String> coordinates = new HashMap<>();
        Map<String, String> parent = new HashMap<>();
        List<Scope> profiles = new ArrayList<>();
        Scope project = readScope(xml, name -> {
            switch (name) {
                case "parent" -> readFields(xml, parent);
                case "groupId", "version", "artifactId" -> putIfValue(coordinates, name, text(xml));
                case "profiles" -> readProfiles(xml, profiles);
                default -> skip(xml);
            }
        });
        Map<String, String> properties = new HashMap<>(project.properties());
        String parentGroup = parent.get("groupId");
        String parentVersion = parent.get("version");
        String group = firstNonNull(coordinates.get("groupId"), parentGroup);
        String version = firstNonNull(coordinates.get("version"), parentVersion);
        putIfValue(properties, "project.groupId", group);
        putIfValue(properties, "pom.groupId", group);
        putIfValue(properties, "groupId", group);
        putIfValue(properties, "project.version", version);
        putIfValue(properties, "pom.version", version);
        putIfValue(properties, "version", version);
        putIfValue(properties, "project.artifactId", coordinates.get("artifactId"));
        putIfValue(properties, "project.parent.groupId", parentGroup);
        putIfValue(properties, "project.parent.version", parentVersion);

        scopes.add(new Scope(properties, project.dependencies(), project.managed()));
        for (Scope profile : profiles) {
            Map<String, String> merged = new HashMap<>(properties);
            merged.putAll(profile.properties());
            scopes.add(new Scope(merged, profile.dependencies(), profile.managed()));
        }
    }

    private static void readProfiles(XMLStreamReader xml, List<Scope> profiles)
            throws XMLStreamException, DependencyFileException {
        while (nextChild(xml)) {
            if (xml.getLocalName().equals("profile")) {
                profiles.add(readScope(xml, name -> skip(xml)));
            } else {
                skip(xml);
            }
        }
    }

    /** Reads (or skips) a child element that is not one of a scope's properties or dependencies. */
    @FunctionalInterface
    private interface OtherChild {
        void read(String name) throws XMLStreamException, DependencyFileException;
    }

    /**
     * The properties, dependencies and managed dependencies of {@code <project>} or of a {@code <profile>}, which
     * declare them alike; other children go to {@code other}. Where a child occurs twice, the first counts.
     */
    private static Scope readScope(XMLStreamReader xml, OtherChild other)
            throws XMLStreamException, DependencyFileException {
        Map<String, String> properties = new HashMap<>();
        List<Declared> dependencies = new ArrayList<>();
        List<Declared> managed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (nextChild(xml)) {
            String name = xml.getLocalName();
            if (!seen.add(name)) {
                skip(xml);
                continue;
            }
            switch (name) {
                case "properties" -> readProperties(xml, properties);
                case "dependencies" -> readDependencies(xml, dependencies);
                case "dependencyManagement" -> readManaged(xml, managed);
                default -> other.read(name);
            }
        }
        return new Scope(properties, dependencies, managed);
    }

    /** {@code <dependencyManagement>}: its first {@code <dependencies>}. */
    private static void readManaged(XMLStreamReader xml, List<Declared> into)
            throws XMLStreamException, DependencyFileException {
        boolean read = false;
        while (nextChild(xml)) {
            if (!read && xml.getLocalName().equals("dependencies")) {
                read = true;
                readDependencies(xml, into);
            } else {
                skip(xml);
            }
        }
    }

    private static void readDependencies(XMLStreamReader xml, List<Declared> into)
            throws XMLStreamException, DependencyFileException {
        while (nextChild(xml)) {
            if (!xml.getLocalName().equals("dependency")) {
                skip(xml);
                continue;
            }
            int line = xml.getLocation().getLineNumber();
            Map<String, String> fields = new HashMap<>();
            readFields(xml, fields);
            into.add(new Declared(fields.get("groupId"), fields.get("artifactId"), fields.get("version"),
                    Math.max(line, 0), fields.get("scope"), fields.get("optional")));
        }
    }

    /** Every child element's text, by name; the first of a name counts, even when it is empty. */
    private static void readFields(XMLStreamReader xml, Map<String, String> into)
            throws XMLStreamException, DependencyFileException {
        Set<String> seen = new HashSet<>();
        while (nextChild(xml)) {
            String name = xml.getLocalName();
            String value = text(xml);
            if (seen.add(name)) {
                putIfValue(into, name, value);
            }
        }
    }

    /** {@code <properties>}: a later property of the same name replaces an earlier one. */
    private static void readProperties(XMLStreamReader xml, Map<String, String> into)
            throws XMLStreamException, DependencyFileException {
        while (nextChild(xml)) {
            putIfValue(into, xml.getLocalName(), text(xml));
        }
    }

    /** Moves to the next child element of the current one: true at its start, false at the parent's end. */
    private static boolean nextChild(XMLStreamReader xml) throws XMLStreamException, DependencyFileException {
        while (xml.hasNext()) {
            int event = next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    /** All text inside the current element, stripped; null when there is none. Ends on its end tag. */
    private static String text(XMLStreamReader xml) throws XMLStreamException, DependencyFileException {
        StringBuilder text = new StringBuilder();
        for (int depth = 1; depth > 0; ) {
            int event = next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            }
        }
        String stripped = text.toString().strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException, DependencyFileException {
        for (int depth = 1; depth > 0; ) {
            int event = next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The next event; a document type declaration, where entities would be declared, is refused. */
    private static int next(XMLStreamReader xml) throws XMLStreamException, DependencyFileException {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
            throw new DependencyFileException("pom.xml: a document type declaration is not allowed");
        }
        return event;
    }

    /** A range ({@code [1.0,2.0)}) or a leftover reference names no single version. */
    private static boolean isExact(String version) {
        return !version.isEmpty() && !version.contains("${") && "[(,".chars().noneMatch(c -> version.indexOf(c) >= 0);
    }

    /**
     * Expands {@code ${name}} references; null when one of them is undefined here. Expansion stops once the value
     * is longer than {@link EntryValues#MAX_LENGTH}: ten properties that each repeat the next ten times would
     * otherwise make ten billion characters.
     */
    private static String resolve(String value, Map<String, String> properties) {
        String current = value;
        for (int round = 0; current != null && current.contains("${") && round < MAX_EXPANSIONS; round++) {
            Matcher reference = PROPERTY.matcher(current);
            StringBuilder expanded = new StringBuilder();
            while (reference.find()) {
                String replacement = properties.get(reference.group(1));
                if (replacement == null) {
                    return null;
                }
                reference.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
                if (expanded.length() > EntryValues.MAX_LENGTH) {
                    return expanded.toString();
                }
            }
            reference.appendTail(expanded);
            current = expanded.toString();
        }
        return current;
    }

    private static boolean isTooLong(String value) {
        return value != null && value.length() > EntryValues.MAX_LENGTH;
    }

    private static void putIfValue(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
