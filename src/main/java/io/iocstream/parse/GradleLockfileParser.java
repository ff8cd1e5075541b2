package io.iocstream.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gradle dependency locking's {@code gradle.lockfile} (and the per-build-script {@code buildscript-gradle.lockfile}):
 * {@code group:artifact:version=configuration,...} lines after {@code #} comments. The Maven name is
 * {@code group:artifact}. Trap: the closing {@code empty=...} line lists configurations that resolved nothing
 * and is not a dependency.
 */
public final class GradleLockfileParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.baseName(path).endsWith("gradle.lockfile") && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        String text = FileFormats.text(content, "gradle.lockfile");
        if (text.isBlank()) {
            throw new DependencyFileException("gradle.lockfile: empty file");
        }
        Set<Dependency> out = new LinkedHashSet<>();
        int lineNumber = 0;
        for (String raw : FileFormats.lines(text)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) {
                continue;
            }
            int equals = line.indexOf('=');
            String[] coordinates = (equals < 0 ? line : line.substring(0, equals)).split(":", -1);
            if (equals < 0 || coordinates.length != 3 || coordinates[0].isEmpty() || coordinates[1].isEmpty()
                    || coordinates[2].isEmpty()) {
                throw new DependencyFileException("gradle.lockfile: malformed line " + lineNumber);
            }
            out.add(new Dependency("Maven", coordinates[0] + ":" + coordinates[1], coordinates[2]));
        }
        return new ArrayList<>(out);
    }
}
