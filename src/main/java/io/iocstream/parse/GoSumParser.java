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
        return DependencyParser.isNamed(path, "go.sum")
                && !DependencyParser.isVendored(path) && !("/" + path).contains("/vendor/");
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        String text = FileFormats.text(content, "go.sum");
        // sized for lines of about 100 characters, two a module
        DistinctDependencies out = new DistinctDependencies(text.length() / 200);
        StrippedLines lines = new StrippedLines(text);
        while (lines.next()) {
            if (lines.isEmpty()) {
                continue;
            }
            // three fields found in place, since the hash need not be copied out
            int start = lines.start();
            int end = lines.end();
            int nameEnd = FileFormats.nextSpace(text, start, end);
            int versionStart = FileFormats.nextNonSpace(text, nameEnd, end);
            int versionEnd = FileFormats.nextSpace(text, versionStart, end);
            int hashStart = FileFormats.nextNonSpace(text, versionEnd, end);
            int hashColon = text.indexOf(':', hashStart);
            if (hashStart == end || FileFormats.nextSpace(text, hashStart, end) != end
                    || text.charAt(versionStart) != 'v' || hashColon < 0 || hashColon >= end) {
                throw new DependencyFileException("go.sum: malformed line " + lines.number());
            }
            // /go.mod names the file hashed, not part of the version
            if (text.startsWith(GO_MOD, versionEnd - GO_MOD.length())) {
                versionEnd -= GO_MOD.length();
            }
            out.add(new Dependency("Go", text.substring(start, nameEnd), text.substring(versionStart, versionEnd)));
        }
        return out.list();
    }
}
