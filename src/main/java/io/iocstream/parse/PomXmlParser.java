package io.iocstream.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Maven's {@code pom.xml}, read with the JDK's DOM parser with DTDs and external entities refused (a pom from an
 * untrusted repository must not make the scanner read local files or the network). Reported: the
 * {@code <dependency>} entries of {@code <dependencies>} and {@code <dependencyManagement>}, at project level and
 * in each {@code <profile>}, as {@code groupId:artifactId}, with {@code ${property}} versions resolved from
 * {@code <properties>} (a profile's own properties first) and {@code ${project.version}} and friends. Not
 * reported: dependencies without a version or whose version is a range or refers to a property the file does not
 * define (it lives in a parent pom this file does not contain), the parent pom itself, and build plugins and their
 * dependencies.
 */
public final class PomXmlParser implements DependencyParser {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_EXPANSIONS = 10;

    @Override
    public boolean handles(String path) {
        return DependencyParser.baseName(path).equals("pom.xml") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        Element project = read(content).getDocumentElement();
        if (!"project".equals(name(project))) {
            throw new DependencyFileException("pom.xml: root element is not <project>");
        }
        Map<String, String> properties = new HashMap<>();
        readProperties(child(project, "properties"), properties);
        Element parent = child(project, "parent");
        String parentGroup = text(child(parent, "groupId"));
        String parentVersion = text(child(parent, "version"));
        String group = firstNonNull(text(child(project, "groupId")), parentGroup);
        String version = firstNonNull(text(child(project, "version")), parentVersion);
        putIfValue(properties, "project.groupId", group);
        putIfValue(properties, "pom.groupId", group);
        putIfValue(properties, "groupId", group);
        putIfValue(properties, "project.version", version);
        putIfValue(properties, "pom.version", version);
        putIfValue(properties, "version", version);
        putIfValue(properties, "project.artifactId", text(child(project, "artifactId")));
        putIfValue(properties, "project.parent.groupId", parentGroup);
        putIfValue(properties, "project.parent.version", parentVersion);

        Set<Dependency> out = new LinkedHashSet<>();
        readDependencyLists(project, properties, out);
        for (Element profile : children(child(project, "profiles"), "profile")) {
            Map<String, String> profileProperties = new HashMap<>(properties);
            readProperties(child(profile, "properties"), profileProperties);
            readDependencyLists(profile, profileProperties, out);
        }
        return new ArrayList<>(out);
    }

    private static Document read(byte[] content) throws DependencyFileException {
        if (content.length == 0) {
            throw new DependencyFileException("pom.xml: empty file");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new Rethrowing());
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder.parse(new ByteArrayInputStream(content));
        } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
            throw new DependencyFileException("pom.xml: " + FileFormats.oneLine(e), e);
        }
    }

    /** The default handler prints to stderr; a malformed pom is reported through the exception alone. */
    private static final class Rethrowing implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    private static void readDependencyLists(Element owner, Map<String, String> properties, Set<Dependency> out) {
        readDependencies(child(owner, "dependencies"), properties, out);
        readDependencies(child(child(owner, "dependencyManagement"), "dependencies"), properties, out);
    }

    private static void readDependencies(Element list, Map<String, String> properties, Set<Dependency> out) {
        for (Element dependency : children(list, "dependency")) {
            String group = resolve(text(child(dependency, "groupId")), properties);
            String artifact = resolve(text(child(dependency, "artifactId")), properties);
            String version = resolve(text(child(dependency, "version")), properties);
            if (group != null && artifact != null && version != null && isExact(version)) {
                out.add(new Dependency("Maven", group + ":" + artifact, version));
            }
        }
    }

    /** A range ({@code [1.0,2.0)}) or a leftover reference names no single version. */
    private static boolean isExact(String version) {
        return !version.isEmpty() && !version.contains("${") && "[(,".chars().noneMatch(c -> version.indexOf(c) >= 0);
    }

    /** Expands {@code ${name}} references; null when one of them is undefined here. */
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
            }
            reference.appendTail(expanded);
            current = expanded.toString();
        }
        return current;
    }

    private static void readProperties(Element properties, Map<String, String> into) {
        for (Element property : children(properties, null)) {
            putIfValue(into, name(property), text(property));
        }
    }

    private static void putIfValue(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    private static String name(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Direct child elements, all of them when {@code name} is null; none for a missing parent. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name == null || name.equals(name(element)))) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }
}
