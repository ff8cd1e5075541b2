package io.iocstream.parse;

import java.util.List;

/**
 * pip requirements files: {@code requirements*.txt} and any {@code .txt} file in a {@code requirements/}
 * folder. Only pinned lines ({@code name==1.2.3}, {@code name[extra] === 1.2.3 ; marker}) name a version, so only
 * they are reported. Traps: a trailing backslash continues a line (hashes are often written that way), {@code #}
 * starts a comment only at a line start or after whitespace, per-requirement options such as {@code --hash} follow
 * the requirement on the same logical line, and {@code ==2.8.*} is a wildcard, not a pin. Option lines
 * ({@code -r}, {@code -c}, {@code -e}, {@code --index-url}), URLs, local paths and referenced files are not
 * followed. A line is an entry: one that is not UTF-8, or pins a name or version no ecosystem allows, is skipped.
 */
public final class RequirementsParser implements DependencyParser {

    private static final String FORMAT = "requirements";

    @Override
    public boolean handles(String path) {
        if (!path.endsWith(".txt") || DependencyParser.isVendored(path)) {
            return false;
        }
        String name = DependencyParser.baseName(path);
        if (name.startsWith("requirements") && name.endsWith(".txt")) {
            return true;
        }
        String parent = path.substring(0, Math.max(0, path.length() - name.length() - 1));
        return name.endsWith(".txt") && DependencyParser.baseName(parent).equals("requirements");
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) {
        List<String> lines = FileFormats.lines(FileFormats.lineText(content, FORMAT, skipped));
        FileEntries out = new FileEntries(FORMAT, skipped, lines.size());
        StringBuilder logical = new StringBuilder();
        int firstLine = 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (logical.length() == 0) {
                firstLine = i + 1;
            }
            String uncommented = line.substring(0, commentStart(line));
            if (uncommented.endsWith("\\")) {
                logical.append(uncommented, 0, uncommented.length() - 1).append(' ');
                continue;
            }
            logical.append(uncommented);
            readLine(logical.toString(), firstLine, out);
            logical.setLength(0);
        }
        return out.list();
    }

    /** Reads the logical line that starts on line {@code number}. */
    private static void readLine(String line, int number, FileEntries out) {
        String requirement = line.strip();
        if (requirement.isEmpty() || requirement.startsWith("-")) {
            return;
        }
        requirement = requirement.substring(0, optionStart(requirement));
        PinnedRequirement.parse(requirement).ifPresent(pin -> out.add(
                new Dependency("PyPI", pin.name(), pin.version()), number, line, 0, line.length()));
    }

    /** Where a comment begins, with the whitespace before its {@code #}; the line's length when there is none. */
    private static int commentStart(String line) {
        for (int hash = line.indexOf('#'); hash >= 0; hash = line.indexOf('#', hash + 1)) {
            if (hash == 0) {
                return 0;
            }
            if (FileFormats.isSpace(line.charAt(hash - 1))) {
                return hash - 1;
            }
        }
        return line.length();
    }

    /** Where the first per-requirement option ({@code --hash=...}, {@code -c x}) begins, with its whitespace. */
    private static int optionStart(String requirement) {
        for (int i = 0; i + 2 < requirement.length(); i++) {
            if (FileFormats.isSpace(requirement.charAt(i)) && requirement.charAt(i + 1) == '-'
                    && (isAsciiLetter(requirement, i + 2) || requirement.charAt(i + 2) == '-'
                            && isAsciiLetter(requirement, i + 3))) {
                return i;
            }
        }
        return requirement.length();
    }

    private static boolean isAsciiLetter(String text, int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
