package io.iocstream.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Go's {@code go.sum}: one {@code module version hash} line per downloaded module zip and one
 * {@code module version/go.mod hash} line per consulted {@code go.mod}. Each module version is reported once,
 * with the {@code /go.mod} suffix dropped and the leading {@code v} kept, as Go and OSV write versions. Trap: a
 * {@code /go.mod}-only line means the module took part in version selection though its code may not be built;
 * it is reported all the same, since go.sum cannot tell which. The file may be empty (a module without
 * dependencies); a line without three fields is a malformed file.
 */
public final class GoSumParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.baseName(path).equals("go.sum")
                && !DependencyParser.isVendored(path) && !("/" + path).contains("/vendor/");
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        String text = FileFormats.text(content, "go.sum");
        Set<Dependency> out = new LinkedHashSet<>();
        int lineNumber = 0;
        for (String line : text.split("\r?\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split("\\s+");
            if (fields.length != 3 || !fields[1].startsWith("v") || !fields[2].contains(":")) {
                throw new DependencyFileException("go.sum: malformed line " + lineNumber);
            }
            String version = fields[1].endsWith("/go.mod")
                    ? fields[1].substring(0, fields[1].length() - "/go.mod".length())
                    : fields[1];
            out.add(new Dependency("Go", fields[0], version));
        }
        return new ArrayList<>(out);
    }
}
