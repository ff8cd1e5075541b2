package io.iocstream.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.iocstream.core.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parsers share about reading bytes: strict UTF-8 text, line by line for line formats, TOML trees, the
 * text of a skipped JSON value, and one-line failure reasons.
 */
final class FileFormats {

    private static final TomlMapper TOML = TomlMapper.builder().build();
    private static final com.fasterxml.jackson.core.JsonFactory EXCERPTS = new com.fasterxml.jackson.core.JsonFactory();

    /** Keeps the first {@code max} characters written to it and counts the rest away. */
    private static final class ExcerptWriter extends java.io.Writer {
        private final StringBuilder kept = new StringBuilder();
        private final int max;

        ExcerptWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            kept.append(chars, offset, Math.max(0, Math.min(length, max - kept.length())));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return kept.toString();
        }
    }

    private FileFormats() {}

    /** Decodes UTF-8 strictly (a leading BOM is dropped), so that a binary file is a failure, not garbage names. */
    static String text(byte[] content, String format) throws DependencyFileException {
        // the JDK's decoder copies ASCII many bytes at a time; it replaces malformed input with U+FFFD, so only a
        // text holding one (malformed input, or a real U+FFFD) is decoded again by the strict, slower decoder
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new DependencyFileException(format + ": not UTF-8 text", e);
            }
        }
        if (text.indexOf('\0') >= 0) {
            throw new DependencyFileException(format + ": binary content");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The lines of a text, each without its {@code \n} or {@code \r\n}; the same as {@code split("\r?\n", -1)}. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
            lines.add(text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end));
        }
        lines.add(text.substring(start));
        return lines;
    }

    /**
     * A line format's text, where a line is an entry: a line that is not UTF-8 or holds a NUL is skipped and read as
     * blank, so that one hostile line cannot make the whole file unreadable (a leading BOM is dropped).
     */
    static String lineText(byte[] content, String format, SkippedEntries skipped) {
        String text = new String(content, StandardCharsets.UTF_8);
        // as in text(): only a text holding U+FFFD (or a NUL) is decoded again, a line at a time
        if (text.indexOf('\uFFFD') >= 0 || text.indexOf('\0') >= 0) {
            CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            StringBuilder lines = new StringBuilder(text.length());
            int line = 1;
            for (int start = 0; start <= content.length; start++, line++) {
                int end = start;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                String decoded = strictLine(strict, content, start, end);
                if (decoded == null || decoded.indexOf('\0') >= 0) {
                    String lossy = new String(content, start, end - start, StandardCharsets.UTF_8);
                    skipped.skipLine(line, format + ": " + (decoded == null ? "line is not UTF-8 text"
                            : "line holds a NUL byte"), lossy, 0, lossy.length());
                    decoded = "";
                }
                lines.append(decoded);
                if (end < content.length) {
                    lines.append('\n');
                }
                start = end;
            }
            text = lines.toString();
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** {@code content[start, end)} decoded strictly, or null when it is not UTF-8. */
    private static String strictLine(CharsetDecoder strict, byte[] content, int start, int end) {
        try {
            return strict.decode(ByteBuffer.wrap(content, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Where {@code text.substring(from, end)} begins once {@link String#strip} has stripped it. */
    static int stripStart(String text, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Where {@code text.substring(from, end)} ends once {@link String#strip} has stripped it. */
    static int stripEnd(String text, int from, int end) {
        int i = end;
        while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** The whitespace-separated fields of a stripped text, as {@code split("\\s+")} splits it. */
    static List<String> fields(String text) {
        List<String> fields = new ArrayList<>();
        for (int start = 0; start < text.length(); ) {
            int end = nextSpace(text, start, text.length());
            fields.add(text.substring(start, end));
            start = nextNonSpace(text, end, text.length());
        }
        return fields;
    }

    /** Where the first {@link #isSpace} character in {@code text[from, end)} is; {@code end} if there is none. */
    static int nextSpace(String text, int from, int end) {
        int i = from;
        while (i < end && !isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Where the first character in {@code text[from, end)} that is not {@link #isSpace} is; else {@code end}. */
    static int nextNonSpace(String text, int from, int end) {
        int i = from;
        while (i < end && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Regular expressions' {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    static boolean isSpace(char c) {
        // all six are at most a space, so any other character is told apart in one comparison
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r');
    }

    /** Reads a whole TOML document; lockfiles in TOML are small enough to hold as a tree. */
    static JsonNode toml(byte[] content, String format) throws DependencyFileException {
        return toml(text(content, format), content, format);
    }

    /** Reads a whole TOML document whose text, as {@link #text} decodes {@code content}, is {@code text}. */
    static JsonNode toml(String text, byte[] content, String format) throws DependencyFileException {
        if (text.isBlank()) {
            throw new DependencyFileException(format + ": empty file");
        }
        try {
            // the bytes: Jackson reads them faster than the decoded text
            JsonNode root = TOML.readTree(content);
            if (root == null || !root.isObject()) {
                throw new DependencyFileException(format + ": not a TOML document");
            }
            return root;
        } catch (IOException | RuntimeException e) {
            throw new DependencyFileException(format + ": " + oneLine(e), e);
        }
    }

    /**
     * The {@code [[package]]} tables of a TOML lockfile whose {@code name} is a string and whose {@code version}, if
     * any, is one too, each with its header's line ({@link #headerLines}); absent means none. Any other package is
     * skipped as a bad entry, and so is the whole array when {@code package} is not one.
     */
    static List<PackageTable> packageTables(JsonNode root, String text, String format, SkippedEntries skipped) {
        JsonNode packages = root.path("package");
        if (packages.isMissingNode()) {
            return List.of();
        }
        if (!packages.isArray()) {
            skipped.skip("entry package", format + ": package is not an array of tables", packages.toString());
            return List.of();
        }
        int[] lines = headerLines(text, "[[package]]", packages.size());
        List<PackageTable> tables = new ArrayList<>(packages.size());
        for (int i = 0; i < packages.size(); i++) {
            JsonNode table = packages.get(i);
            JsonNode version = table.get("version");
            String problem = !table.isObject() ? "package entry is not a table"
                    : !table.path("name").isTextual() ? "package has no name string"
                    : version != null && !version.isTextual() ? "version is not a string" : null;
            if (problem == null) {
                tables.add(new PackageTable(table, lines == null ? 0 : lines[i]));
            } else {
                skipped.skip("entry package[" + i + "]", format + ": " + problem, table.toString());
            }
        }
        return tables;
    }

    /** A {@code [[package]]} table of a TOML lockfile and the line of its header (0: not known). */
    record PackageTable(JsonNode table, int line) {}

    /**
     * The lines of the {@code expected} lines that are {@code header} alone (blanks and a comment aside), in order;
     * null when there are not exactly that many, since then the n-th header is not surely the n-th table (an inline
     * array, or a header inside a multi-line string), and no line is better than a wrong one.
     */
    static int[] headerLines(String text, String header, int expected) {
        int[] lines = new int[expected];
        int count = 0;
        LineCounter counter = new LineCounter(text);
        for (int at = text.indexOf(header); at >= 0; at = text.indexOf(header, at + header.length())) {
            if (isLineStart(text, at) && isLineEnd(text, at + header.length())) {
                if (count == expected) {
                    return null;
                }
                lines[count++] = counter.lineAt(at);
            }
        }
        return count == expected ? lines : null;
    }

    /** Only blanks stand between the start of {@code at}'s line and {@code at}. */
    private static boolean isLineStart(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }

    /** Only blanks and perhaps a comment stand between {@code at} and the end of its line. */
    private static boolean isLineEnd(String text, int at) {
        int i = at;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i == text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '#';
    }

    /**
     * The text of the JSON value at the parser's current token, which is skipped with all it holds: what a skipped
     * entry held, clipped. Offsets are known because every JSON parser here reads bytes.
     */
    static String skipValue(JsonParser json, byte[] content) throws IOException {
        JsonToken token = json.currentToken();
        if (token == null || !token.isStructStart()) {
            String text = json.getText();
            return text == null ? "" : text;
        }
        if (content == null) {
            // read from a stream: the value written again, of which only the start is kept
            ExcerptWriter excerpt = new ExcerptWriter(ParseFunction.RAW_EXCERPT);
            try (com.fasterxml.jackson.core.JsonGenerator copy = EXCERPTS.createGenerator(excerpt)) {
                copy.copyCurrentStructure(json);
            }
            return excerpt.toString();
        }
        long from = json.currentTokenLocation().getByteOffset();
        json.skipChildren();
        return excerpt(content, from, json);
    }

    /** The bytes from {@code from} to where the parser is (just past an object or array it closed), clipped. */
    static String excerpt(byte[] content, long from, JsonParser json) {
        long to = json.currentLocation().getByteOffset();
        if (from < 0 || to < from) {
            return "";
        }
        return new String(content, (int) from, (int) Math.min(to - from, ParseFunction.RAW_EXCERPT),
                StandardCharsets.UTF_8);
    }

    /** A string field, or null when it is absent or not a string. */
    static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The first line of an exception's message, since dead letters carry one-line reasons. */
    static String oneLine(Throwable e) {
        return DeadLetter.firstLine(e).strip();
    }
}
