package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML lockfile (pnpm, yarn berry) or workflow into plain maps, lists and scalar strings, defensively.
 *
 * <p>Scalars keep their source text, so {@code version: 1.10} stays {@code "1.10"} rather than becoming a float.
 * Jackson does not expand YAML aliases (it would return the anchor's name as a string), and no package manager
 * writes anchors into a lockfile, so any alias is rejected: a billion-laughs document fails at its first alias
 * instead of being read as nonsense. Size and nesting are bounded by the loader's code-point limit and a depth cap.
 */
final class JsLockfileYaml {

    /** Monorepo lockfiles reach tens of megabytes; SnakeYAML's default of 3 MB would refuse them. */
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;
    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private JsLockfileYaml() {}

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    /** The single document of {@code text}: a {@code Map<String, Object>}, {@code List<Object>}, string or null. */
    static Object read(String text, String format) throws DependencyFileException {
        return read(text, format, null, null);
    }

    /** The same, noting in {@code lines} where the keys it asks for stand. */
    static Object read(String text, String format, KeyLines lines) throws DependencyFileException {
        return read(text, format, null, lines);
    }

    /**
     * The 1-based lines of the keys of a document's top-level mapping and of the mappings under the top-level keys
     * it is made for ({@code packages}, {@code importers}): lockfile parsers report where a package is named.
     */
    static final class KeyLines {

        private final Map<String, Integer> top = new HashMap<>();
        private final Map<String, Map<String, Integer>> sections = new HashMap<>();

        /** Notes the top-level keys, and the keys of the mappings under each of {@code sections}. */
        KeyLines(String... sections) {
            for (String section : sections) {
                this.sections.put(section, new HashMap<>());
            }
        }

        /** The line of top-level key {@code key}, or 0 when there is none. */
        int of(String key) {
            return top.getOrDefault(key, 0);
        }

        /** The line of {@code key} in the mapping under top-level {@code section}, or 0 when there is none. */
        int of(String section, String key) {
            Map<String, Integer> lines = sections.get(section);
            return lines == null ? 0 : lines.getOrDefault(key, 0);
        }
    }

    /**
     * The same for a document that may use anchors (GitHub Actions workflows do): an alias stands for its anchor's
     * value, shared rather than copied, so reading costs nothing extra; whoever walks the result bounds the walk.
     */
    static Object readWithAnchors(String text, String format) throws DependencyFileException {
        return read(text, format, new HashMap<>(), null);
    }

    private static Object read(String text, String format, Map<String, Object> anchors, KeyLines lines)
            throws DependencyFileException {
        try (YAMLParser yaml = YAML.createParser(text)) {
            if (yaml.nextToken() == null) {
                throw new DependencyFileException(format + ": no YAML document");
            }
            Object root = value(yaml, 0, format, anchors, lines, lines == null ? null : lines.top);
            if (yaml.nextToken() != null) {
                throw new DependencyFileException(format + ": more than one YAML document");
            }
            return root;
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException(format + ": " + reason(e), e);
        }
    }

    /** SnakeYAML splits its reason over several lines (context, problem, marks); one line says it all. */
    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblem() != null) {
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                return marked.getProblemMark() == null ? context + marked.getProblem()
                        : context + marked.getProblem() + " (line " + (marked.getProblemMark().getLine() + 1) + ")";
            }
        }
        return NpmSpecs.oneLine(e);
    }

    /**
     * The value at the current token; {@code lines} is passed only at the top, {@code keyLines} takes the lines of
     * this value's keys when it is a mapping (null: not asked for).
     */
    private static Object value(YAMLParser yaml, int depth, String format, Map<String, Object> anchors,
            KeyLines lines, Map<String, Integer> keyLines) throws IOException, DependencyFileException {
        if (yaml.isCurrentAlias()) {
            if (anchors == null) {
                throw new DependencyFileException(format + ": YAML alias *" + yaml.getText() + " (lockfiles use none)");
            }
            if (!anchors.containsKey(yaml.getText())) {
                throw new DependencyFileException(format + ": YAML alias *" + yaml.getText() + " names no anchor");
            }
            return anchors.get(yaml.getText());
        }
        if (depth > MAX_DEPTH) {
            throw new DependencyFileException(format + ": nested deeper than " + MAX_DEPTH);
        }
        String anchor = anchors == null ? null : yaml.getObjectId();
        Object value = node(yaml, depth, format, anchors, lines, keyLines);
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private static Object node(YAMLParser yaml, int depth, String format, Map<String, Object> anchors,
            KeyLines lines, Map<String, Integer> keyLines) throws IOException, DependencyFileException {
        JsonToken token = yaml.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (yaml.nextToken() == JsonToken.FIELD_NAME) {
                String key = yaml.currentName();
                if (keyLines != null) {
                    keyLines.putIfAbsent(key, yaml.currentTokenLocation().getLineNr());
                }
                yaml.nextToken();
                Map<String, Integer> childLines = lines == null ? null : lines.sections.get(key);
                map.put(key, value(yaml, depth + 1, format, anchors, null, childLines));
            }
            if (yaml.currentToken() != JsonToken.END_OBJECT) {
                throw new DependencyFileException(format + ": unterminated YAML mapping");
            }
            return map;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (yaml.nextToken() != JsonToken.END_ARRAY) {
                if (yaml.currentToken() == null) {
                    throw new DependencyFileException(format + ": unterminated YAML sequence");
                }
                list.add(value(yaml, depth + 1, format, anchors, null, null));
            }
            return list;
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != null && token.isScalarValue()) {
            return yaml.getText();
        }
        throw new DependencyFileException(format + ": unexpected YAML token " + token);
    }
}
