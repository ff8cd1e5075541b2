package io.iocstream.parse;

import java.util.List;

/**
 * Go's {@code go.sum}: one {@code module version hash} line per downloaded module zip and one
 * {@code module version/go.mod hash} line per consulted {@code go.mod}. Each module version is reported once,
 * with the {@code /go.mod} suffix dropped and the leading {@code v} kept, as Go and OSV write versions. Trap: a
 * {@code /go.mod}-only line means the module took part in version selection though its code may not be built;
 * it is reported all the same, since go.sum cannot tell which. The file may be empty (a module without
 * dependencies); a line without three fields is a malformed file.
 */
public final class GoSumParser implements DependencyParser {

    private static final String GO_MOD = "/go.mod";

    @Override
    public boolean handles(String path) {
        return DependencyParser.baseName(path).equals("go.sum")
                && !DependencyParser.isVendored(path) && !("/" + path).contains("/vendor/");
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        List<String> lines = FileFormats.lines(FileFormats.text(content, "go.sum"));
        DistinctDependencies out = new DistinctDependencies(lines.size());
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            // three fields found in place, since the hash need not be copied out
            int end = line.length();
            int nameEnd = FileFormats.nextSpace(line, 0, end);
            int versionStart = FileFormats.nextNonSpace(line, nameEnd, end);
            int versionEnd = FileFormats.nextSpace(line, versionStart, end);
            int hashStart = FileFormats.nextNonSpace(line, versionEnd, end);
            if (hashStart == end || FileFormats.nextSpace(line, hashStart, end) != end
                    || line.charAt(versionStart) != 'v' || line.indexOf(':', hashStart) < 0) {
                throw new DependencyFileException("go.sum: malformed line " + lineNumber);
            }
            if (line.startsWith(GO_MOD, versionEnd - GO_MOD.length())) {
                versionEnd -= GO_MOD.length();
            }
            out.add(new Dependency("Go", line.substring(0, nameEnd), line.substring(versionStart, versionEnd)));
        }
        return out.list();
    }
}
