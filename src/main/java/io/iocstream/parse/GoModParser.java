package io.iocstream.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's {@code go.mod}: {@code require} directives, single-line or in a {@code ( ... )} block, with the
 * {@code module version} pairs the build selects; versions keep their leading {@code v}, as Go and OSV write them.
 * Traps: {@code // indirect} and other comments follow requirements; module paths may be quoted; a
 * {@code replace} directive swaps a module (at every version, or at one) for another module and version, which
 * is what the build really uses, or for a local directory, which is not a published module and is not reported.
 * The module itself and the {@code go} and {@code toolchain} versions are not dependencies.
 */
public final class GoModParser implements DependencyParser {

    @Override
    public boolean handles(String path) {
        return DependencyParser.baseName(path).equals("go.mod")
                && !DependencyParser.isVendored(path) && !("/" + path).contains("/vendor/");
    }

    @Override
    public List<Dependency> parse(byte[] content) throws DependencyFileException {
        String text = FileFormats.text(content, "go.mod");
        List<String[]> requires = new ArrayList<>();
        Map<String, String[]> replaces = new HashMap<>();
        boolean sawModule = false;
        String block = null;
        int lineNumber = 0;
        for (String raw : FileFormats.lines(text)) {
            lineNumber++;
            int comment = raw.indexOf("//");
            String line = (comment < 0 ? raw : raw.substring(0, comment)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (block != null) {
                if (line.equals(")")) {
                    block = null;
                } else {
                    directive(block, line, lineNumber, requires, replaces);
                }
                continue;
            }
            int space = 0;
            while (space < line.length() && !FileFormats.isSpace(line.charAt(space))) {
                space++;
            }
            String verb = line.substring(0, space);
            String rest = line.substring(space).strip();
            if (verb.equals("module")) {
                sawModule = true;
            } else if (rest.equals("(")) {
                block = verb;
            } else {
                directive(verb, rest, lineNumber, requires, replaces);
            }
        }
        if (block != null) {
            throw new DependencyFileException("go.mod: unclosed " + block + " block");
        }
        if (!sawModule) {
            throw new DependencyFileException("go.mod: no module directive");
        }
        Set<Dependency> out = new LinkedHashSet<>();
        for (String[] require : requires) {
            String[] target = replaces.getOrDefault(require[0] + "@" + require[1], replaces.get(require[0]));
            if (target == null) {
                out.add(new Dependency("Go", require[0], require[1]));
            } else if (target.length == 2) {
                out.add(new Dependency("Go", target[0], target[1]));
            }
        }
        return new ArrayList<>(out);
    }

    /** Records a require or replace; other directives (go, toolchain, exclude, retract, tool, ...) say nothing. */
    private static void directive(String verb, String args, int lineNumber, List<String[]> requires,
            Map<String, String[]> replaces) throws DependencyFileException {
        if (verb.equals("require")) {
            String[] fields = fields(args);
            if (fields.length != 2) {
                throw new DependencyFileException("go.mod: malformed require on line " + lineNumber);
            }
            requires.add(fields);
        } else if (verb.equals("replace")) {
            int arrow = args.indexOf("=>");
            if (arrow < 0) {
                throw new DependencyFileException("go.mod: replace without => on line " + lineNumber);
            }
            String[] from = fields(args.substring(0, arrow));
            String[] to = fields(args.substring(arrow + 2));
            if (from.length < 1 || from.length > 2 || to.length < 1 || to.length > 2) {
                throw new DependencyFileException("go.mod: malformed replace on line " + lineNumber);
            }
            // A one-field target is a local directory: the replaced module is not fetched from anywhere
            replaces.put(from.length == 2 ? from[0] + "@" + from[1] : from[0], to.length == 2 ? to : new String[0]);
        }
    }

    private static String[] fields(String text) {
        String[] fields = FileFormats.fields(text.strip()).toArray(new String[0]);
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i];
            if (field.length() >= 2 && (field.startsWith("\"") && field.endsWith("\"")
                    || field.startsWith("`") && field.endsWith("`"))) {
                fields[i] = field.substring(1, field.length() - 1);
            }
        }
        return fields;
    }
}
