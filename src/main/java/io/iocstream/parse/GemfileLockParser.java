package io.iocstream.parse;

import java.util.List;

/**
 * Bundler's {@code Gemfile.lock} (and {@code gems.locked}): sections start at column 0 ({@code GEM}, {@code GIT},
 * {@code PATH}, {@code PLATFORMS}, {@code DEPENDENCIES}, ...), and under a {@code GEM} section's {@code specs:}
 * each resolved gem is a 4-space-indented {@code name (version)} line. Traps: 6-space lines below a spec are
 * that gem's requirements, not resolutions; a platform-specific gem is written {@code 1.13.3-x86_64-linux},
 * and since a gem version cannot contain {@code -} the version is the part before it. Gems from {@code GIT} and
 * {@code PATH} sections did not come from rubygems.org and are not reported, nor is Bundler itself. A line is an
 * entry: a malformed spec, or an unindented line that is no section header, is skipped.
 */
public final class GemfileLockParser implements DependencyParser {

    private static final String FORMAT = "Gemfile.lock";

    @Override
    public boolean handles(String path) {
        return (DependencyParser.isNamed(path, "Gemfile.lock") || DependencyParser.isNamed(path, "gems.locked"))
                && !DependencyParser.isVendored(path);
    }

    @Override
    public List<Dependency> parse(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        List<String> lines = FileFormats.lines(FileFormats.lineText(content, FORMAT, skipped));
        FileEntries out = new FileEntries(FORMAT, skipped, lines.size());
        String section = null;
        boolean inSpecs = false;
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                if (!isSectionHeader(line.strip())) {
                    out.skipLine(lineNumber, "not a section header", line, 0, line.length());
                    continue;
                }
                section = line.strip();
                inSpecs = false;
            } else if (line.startsWith("  ") && !line.startsWith("   ")) {
                inSpecs = line.strip().equals("specs:");
            } else if (inSpecs && "GEM".equals(section) && line.startsWith("    ") && !line.startsWith("     ")) {
                Dependency spec = spec(line.stripTrailing());
                if (spec == null) {
                    out.skipLine(lineNumber, "malformed spec", line, 0, line.length());
                } else {
                    out.add(spec, lineNumber, line, 0, line.length());
                }
            }
        }
        if (section == null) {
            throw new DependencyFileException(FORMAT + ": no sections");
        }
        return out.list();
    }

    /** Capital letters and spaces, starting with a letter: {@code GEM}, {@code BUNDLED WITH}. */
    private static boolean isSectionHeader(String line) {
        return !line.isEmpty() && line.charAt(0) != ' '
                && line.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == ' ');
    }

    /** A four-space-indented {@code name (version)} line, the platform dropped from the version; else null. */
    private static Dependency spec(String line) {
        int open = line.indexOf(" (", 4);
        if (open <= 4 || !line.endsWith(")")) {
            return null;
        }
        String name = line.substring(4, open);
        String version = line.substring(open + 2, line.length() - 1);
        if (hasSpace(name) || version.isEmpty() || version.indexOf(')') >= 0 || hasSpace(version)) {
            return null;
        }
        // the platform after the first - is not part of the version: Bundler's lockfile parser splits there too
        int platform = version.indexOf('-');
        return new Dependency("RubyGems", name, platform < 0 ? version : version.substring(0, platform));
    }

    private static boolean hasSpace(String text) {
        return text.chars().anyMatch(c -> FileFormats.isSpace((char) c));
    }
}
