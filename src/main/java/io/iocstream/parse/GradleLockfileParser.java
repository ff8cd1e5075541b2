package io.iocstream.parse;

import java.util.List;

/**
 * Gradle dependency locking's {@code gradle.lockfile} (and the per-build-script {@code buildscript-gradle.lockfile}):
 * {@code group:artifact:version=configuration,...} lines after {@code #} comments. The Maven name is
 * {@code group:artifact}. Trap: the closing {@code empty=...} line lists configurations that resolved nothing
 * and is not a dependency. A line is an entry: a malformed one is skipped.
 */
public final class GradleLockfileParser implements DependencyParser {

    private static final String FORMAT = "gradle.lockfile";

    @Override
    public boolean handles(String path) {
        return path.endsWith("gradle.lockfile") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = FileFormats.lineText(content, FORMAT, skipped);
        // a file of nothing but bad lines is not empty: those lines were skipped
        if (text.isBlank() && skipped.count() == 0) {
            throw new DependencyFileException(FORMAT + ": empty file");
        }
        // sized for lines of about 100 characters, most of them a dependency
        FileEntries out = new FileEntries(FORMAT, skipped, text.length() / 100);
        StrippedLines lines = new StrippedLines(text);
        while (lines.next()) {
            if (lines.isEmpty() || lines.startsWith("#") || lines.startsWith("empty=")) {
                continue;
            }
            int start = lines.start();
            int equals = indexOf(text, '=', start, lines.end());
            int artifact = indexOf(text, ':', start, equals) + 1;
            int version = artifact == 0 ? 0 : indexOf(text, ':', artifact, equals) + 1;
            // exactly group:artifact:version=..., none of them empty
            if (equals < 0 || artifact < start + 2 || version < artifact + 2 || version == equals
                    || indexOf(text, ':', version, equals) >= 0) {
                out.skipLine(lines.number(), "malformed line", text, start, lines.end());
                continue;
            }
            out.add(new Dependency("Maven", text.substring(start, version - 1), text.substring(version, equals)),
                    lines.number(), text, start, lines.end());
        }
        return out.list();
    }

    /** Where {@code c} first is in {@code text[from, to)}; -1 when it is not there (or {@code to} is -1). */
    private static int indexOf(String text, char c, int from, int to) {
        // String.indexOf searches many characters at a time, though it may look past to
        int i = to < 0 ? -1 : text.indexOf(c, from);
        return i < to ? i : -1;
    }
}
