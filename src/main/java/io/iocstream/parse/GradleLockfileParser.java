package io.iocstream.parse;

import java.util.List;

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
        List<String> lines = FileFormats.lines(text);
        DistinctDependencies out = new DistinctDependencies(lines.size());
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) {
                continue;
            }
            int equals = line.indexOf('=');
            String coordinates = equals < 0 ? line : line.substring(0, equals);
            int artifactStart = coordinates.indexOf(':') + 1;
            int versionStart = coordinates.indexOf(':', artifactStart) + 1;
            // exactly group:artifact:version, none of them empty
            if (equals < 0 || artifactStart < 2 || versionStart < artifactStart + 2
                    || versionStart == coordinates.length() || coordinates.indexOf(':', versionStart) >= 0) {
                throw new DependencyFileException("gradle.lockfile: malformed line " + lineNumber);
            }
            out.add(new Dependency("Maven", coordinates.substring(0, versionStart - 1),
                    coordinates.substring(versionStart)));
        }
        return out.list();
    }
}
