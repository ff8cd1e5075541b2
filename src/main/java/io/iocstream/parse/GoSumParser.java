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
        for (String line : FileFormats.lines(text)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = FileFormats.fields(line.strip());
            if (fields.size() != 3 || !fields.get(1).startsWith("v") || !fields.get(2).contains(":")) {
                throw new DependencyFileException("go.sum: malformed line " + lineNumber);
            }
            String version = fields.get(1);
            if (version.endsWith("/go.mod")) {
                version = version.substring(0, version.length() - "/go.mod".length());
            }
            out.add(new Dependency("Go", fields.get(0), version));
        }
        return new ArrayList<>(out);
    }
}
