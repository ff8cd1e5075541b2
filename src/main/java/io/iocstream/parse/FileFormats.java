package io.iocstream.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** What the parsers share about reading bytes: strict UTF-8 text, TOML trees, and one-line failure reasons. */
final class FileFormats {

    private static final TomlMapper TOML = TomlMapper.builder().build();

    private FileFormats() {}

    /** Decodes UTF-8 strictly (a leading BOM is dropped), so that a binary file is a failure, not garbage names. */
    static String text(byte[] content, String format) throws DependencyFileException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
            if (text.indexOf('\0') >= 0) {
                throw new DependencyFileException(format + ": binary content");
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new DependencyFileException(format + ": not UTF-8 text", e);
        }
    }

    /** Reads a whole TOML document; lockfiles in TOML are small enough to hold as a tree. */
    static JsonNode toml(byte[] content, String format) throws DependencyFileException {
        if (text(content, format).isBlank()) {
            throw new DependencyFileException(format + ": empty file");
        }
        try {
            JsonNode root = TOML.readTree(content);
            if (root == null || !root.isObject()) {
                throw new DependencyFileException(format + ": not a TOML document");
            }
            return root;
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException(format + ": " + oneLine(e), e);
        }
    }

    /** The {@code [[package]]} tables of a TOML lockfile; absent means none, anything else is malformed. */
    static Iterable<JsonNode> packageTables(JsonNode root, String format) throws DependencyFileException {
        JsonNode packages = root.path("package");
        if (packages.isMissingNode()) {
            return java.util.List.of();
        }
        if (!packages.isArray()) {
            throw new DependencyFileException(format + ": package is not an array of tables");
        }
        for (JsonNode table : packages) {
            if (!table.isObject()) {
                throw new DependencyFileException(format + ": package entry is not a table");
            }
        }
        return packages;
    }

    /** A string field, or null when it is absent or not a string. */
    static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The first line of an exception's message, since dead letters carry one-line reasons. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
