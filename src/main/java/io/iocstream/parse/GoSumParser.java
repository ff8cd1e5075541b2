package io.iocstream.parse;

import java.util.List;

/**
 * Go's {@code go.sum}: one {@code module version hash} line per downloaded module zip and one
 * {@code module version/go.mod hash} line per consulted {@code go.mod}. Each module version is reported once,
 * with the {@code /go.mod} suffix dropped and the leading {@code v} kept, as Go and OSV write versions. Trap: a
 * {@code /go.mod}-only line means the module took part in version selection though its code may not be built;
 * it is reported all the same, since go.sum cannot tell which. The file may be empty (a module without
 * dependencies). A line is an entry: one without three fields is skipped.
 */
public final class GoSumParser implements DependencyParser {

    private static final String FORMAT = "go.sum";
    private static final String GO_MOD = "/go.mod";

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "go.sum")
                && !DependencyParser.isVendored(path) && !("/" + path).contains("/vendor/");
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) {
        String text = FileFormats.lineText(content, FORMAT, skipped);
        // sized for lines of about 100 characters, two a module
        FileEntries out = new FileEntries(FORMAT, skipped, text.length() / 200);
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
                out.skipLine(lines.number(), "malformed line", text, start, end);
                continue;
            }
            // /go.mod names the file hashed, not part of the version
            if (text.startsWith(GO_MOD, versionEnd - GO_MOD.length())) {
                versionEnd -= GO_MOD.length();
            }
            out.add(new Dependency("Go", text.substring(start, nameEnd), text.substring(versionStart, versionEnd)),
                    lines.number(), text, start, end);
        }
        return out.list();
    }
}
