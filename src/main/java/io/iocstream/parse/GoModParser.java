package io.iocstream.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code go.mod}: {@code require} directives, single-line or in a {@code ( ... )} block, with the
 * {@code module version} pairs the build selects; versions keep their leading {@code v}, as Go and OSV write them.
 * Traps: {@code // indirect} and other comments follow requirements; module paths may be quoted; a
 * {@code replace} directive swaps a module (at every version, or at one) for another module and version, which
 * is what the build really uses, or for a local directory, which is not a published module and is not reported.
 * The module itself and the {@code go} and {@code toolchain} versions are not dependencies. A directive line is an
 * entry: a malformed one is skipped, and so is an unclosed block's opening (what it held is read); a file without a
 * {@code module} directive is no go.mod.
 *
 * <p>Each requirement is reported at its line (a replaced one at the line of its require). A requirement whose
 * comment is {@code // indirect} (as Go reads it: {@code indirect} alone, or {@code indirect;} before more) is
 * transitive, any other direct: since Go 1.17 go.mod lists every module the build needs, marking those the main
 * module does not import. Go modules have no development scope, so the scope stays unknown.
 */
public final class GoModParser implements DependencyParser {

    private static final String FORMAT = "go.mod";

    @Override
    public boolean handles(String path) {
        return DependencyParser.isNamed(path, "go.mod")
                && !DependencyParser.isVendored(path) && !("/" + path).contains("/vendor/");
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        String text = FileFormats.lineText(content, FORMAT, skipped);
        // sized for a requirement every 32 characters: a require line is seldom shorter
        FileEntries requires = new FileEntries(FORMAT, skipped, text.length() / 32);
        Map<String, String[]> replaces = new HashMap<>();
        boolean sawModule = false;
        String block = null;
        int blockLine = 0;
        int lineNumber = 0;
        int comment = text.indexOf("//");
        // lines are read in place rather than copied: most are requirements, and only their two fields need copies
        for (int lineStart = 0, lineEnd; lineStart <= text.length(); lineStart = lineEnd + 1) {
            lineNumber++;
            lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            // searched again only once behind, so that a file with one comment is not searched once a line
            if (comment >= 0 && comment < lineStart) {
                comment = text.indexOf("//", lineStart);
            }
            // the line without its comment and surrounding whitespace (a \r included): text[start, end)
            int end = FileFormats.stripEnd(text, lineStart, comment >= 0 && comment < lineEnd ? comment : lineEnd);
            int start = FileFormats.stripStart(text, lineStart, end);
            if (start == end) {
                continue;
            }
            boolean indirect = comment >= 0 && comment < lineEnd && isIndirect(text, comment + 2, lineEnd);
            if (block != null) {
                if (end - start == 1 && text.charAt(start) == ')') {
                    block = null;
                } else {
                    directive(block, text, start, start, end, lineNumber, indirect, requires, replaces);
                }
                continue;
            }
            int space = FileFormats.nextSpace(text, start, end);
            String verb = text.substring(start, space);
            int rest = FileFormats.stripStart(text, space, end);
            if (verb.equals("module")) {
                sawModule = true;
            } else if (end - rest == 1 && text.charAt(rest) == '(') {
                block = verb;
                blockLine = lineNumber;
            } else {
                directive(verb, text, start, rest, end, lineNumber, indirect, requires, replaces);
            }
        }
        if (block != null) {
            // what the block held was read; only its end is missing
            requires.skipLine(blockLine, "unclosed " + block + " block", block + " (", 0, block.length() + 2);
        }
        if (!sawModule) {
            throw new DependencyFileException(FORMAT + ": no module directive");
        }
        // most go.mod files replace nothing
        if (replaces.isEmpty()) {
            return requires.list();
        }
        FileEntries out = new FileEntries(FORMAT, skipped, requires.list().size());
        for (Dependency require : requires.list()) {
            String[] target =
                    replaces.getOrDefault(require.name() + "@" + require.version(), replaces.get(require.name()));
            if (target == null) {
                out.add(require);
            } else if (target.length == 2) {
                out.add(new Dependency("Go", target[0], target[1], require.line(), null, require.relationship()));
            }
        }
        return out.list();
    }

    /**
     * Records a require or replace on line {@code text[lineStart, end)} whose arguments are {@code text[start, end)};
     * other directives (go, toolchain, exclude, retract, tool, ...) say nothing. A malformed one is skipped.
     */
    private static void directive(String verb, String text, int lineStart, int start, int end, int lineNumber,
            boolean indirect, FileEntries requires, Map<String, String[]> replaces) {
        if (verb.equals("require")) {
            int moduleEnd = FileFormats.nextSpace(text, start, end);
            int versionStart = FileFormats.nextNonSpace(text, moduleEnd, end);
            if (versionStart == end || FileFormats.nextSpace(text, versionStart, end) != end) {
                requires.skipLine(lineNumber, "malformed require", text, lineStart, end);
                return;
            }
            // quotes are not part of the version; its v and any +incompatible are, as Go and OSV write them
            requires.add(new Dependency("Go", unquoted(text.substring(start, moduleEnd)),
                    unquoted(text.substring(versionStart, end)), lineNumber, null,
                    indirect ? Dependency.TRANSITIVE : Dependency.DIRECT), lineNumber, text, lineStart, end);
        } else if (verb.equals("replace")) {
            String args = text.substring(start, end);
            int arrow = args.indexOf("=>");
            String[] from = arrow < 0 ? new String[0] : fields(args.substring(0, arrow));
            String[] to = arrow < 0 ? new String[0] : fields(args.substring(arrow + 2));
            if (from.length < 1 || from.length > 2 || to.length < 1 || to.length > 2) {
                requires.skipLine(lineNumber, arrow < 0 ? "replace without =>" : "malformed replace", text,
                        lineStart, end);
                return;
            }
            // A one-field target is a local directory: the replaced module is not fetched from anywhere
            replaces.put(from.length == 2 ? from[0] + "@" + from[1] : from[0], to.length == 2 ? to : new String[0]);
        }
    }

    /** Go's rule for the comment {@code text[from, end)} (after its {@code //}) of a requirement. */
    private static boolean isIndirect(String text, int from, int end) {
        // read in place, as the rest of the line is: Go splits the comment into fields and wants [indirect] or
        // [indirect; ...]
        int word = FileFormats.nextNonSpace(text, from, end);
        if (!text.startsWith("indirect", word)) {
            return false;
        }
        int after = word + "indirect".length();
        if (after < end && text.charAt(after) == ';') {
            return after + 1 < end && FileFormats.isSpace(text.charAt(after + 1))
                    && FileFormats.nextNonSpace(text, after + 1, end) < end;
        }
        return after >= end
                || FileFormats.isSpace(text.charAt(after)) && FileFormats.nextNonSpace(text, after, end) == end;
    }

    private static String[] fields(String text) {
        String[] fields = FileFormats.fields(text.strip()).toArray(new String[0]);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = unquoted(fields[i]);
        }
        return fields;
    }

    private static String unquoted(String field) {
        return field.length() >= 2 && (field.startsWith("\"") && field.endsWith("\"")
                || field.startsWith("`") && field.endsWith("`")) ? field.substring(1, field.length() - 1) : field;
    }
}
