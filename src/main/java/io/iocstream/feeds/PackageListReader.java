package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A TXT package list, one entry a line: {@code name:version}, {@code name@version} (scoped npm names split at the
 * last {@code @}) or {@code ecosystem:name:version} (the Shai-Hulud lists' form, e.g. {@code pypi:litellm:1.82.7}, or {@code npm:name@version};
 * Maven names are {@code group:artifact}). Lines without an ecosystem are npm; {@code #} comments and blank lines
 * are skipped; every entry is {@code critical} and identified as {@code FEEDFILE:LINE}.
 */
final class PackageListReader {

    static final String SEVERITY = "critical";

    private PackageListReader() {}

    static FeedDirectory.Result read(FeedFile file, List<String> lines) {
        List<IocEntry> entries = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(entry(line, file.lineId(i + 1), file.feed()));
            } catch (BadFeedRow bad) {
                deadLetters.add(file.deadLetter(i + 1, bad.getMessage(), lines.get(i)));
            }
        }
        return new FeedDirectory.Result(entries, List.of(), deadLetters);
    }

    static IocEntry entry(String line, String id, String feed) throws BadFeedRow {
        if (line.chars().anyMatch(Character::isWhitespace)) {
            throw new BadFeedRow("whitespace inside a list entry");
        }
        String[] parts = line.split(":", -1);
        if (parts.length == 1) {
            int at = line.lastIndexOf('@');
            if (at <= 0) {
                throw new BadFeedRow("no version: expected name:version, name@version or ecosystem:name:version");
            }
            return of(FeedEcosystem.NPM, line.substring(0, at), line.substring(at + 1), id, feed);
        }
        if (parts.length == 2 && FeedEcosystem.ofPrefix(parts[0]) != null && parts[1].lastIndexOf('@') > 0) {
            int at = parts[1].lastIndexOf('@');
            return of(FeedEcosystem.ofPrefix(parts[0]), parts[1].substring(0, at), parts[1].substring(at + 1), id,
                    feed);
        }
        if (parts.length == 2) {
            // two parts are always name:version, even when the name is a prefix word (npm has a package "go")
            return of(FeedEcosystem.NPM, parts[0], parts[1], id, feed);
        }
        FeedEcosystem ecosystem = FeedEcosystem.ofPrefix(parts[0]);
        if (ecosystem == null) {
            throw new BadFeedRow("unknown ecosystem prefix '" + parts[0] + "' (" + FeedEcosystem.prefixes() + ")");
        }
        String rest = line.substring(parts[0].length() + 1);
        int colon = rest.lastIndexOf(':');
        String name = rest.substring(0, colon);
        if (ecosystem == FeedEcosystem.MAVEN ? parts.length != 4 : parts.length != 3) {
            throw new BadFeedRow(ecosystem == FeedEcosystem.MAVEN
                    ? "a maven entry is maven:group:artifact:version"
                    : "too many ':' in a " + parts[0] + " entry");
        }
        return of(ecosystem, name, rest.substring(colon + 1), id, feed);
    }

    private static IocEntry of(FeedEcosystem ecosystem, String name, String version, String id, String feed)
            throws BadFeedRow {
        if (name.isEmpty() || version.isEmpty()) {
            throw new BadFeedRow("empty package name or version");
        }
        if (version.indexOf('@') >= 0) {
            throw new BadFeedRow("'@' in the version '" + version + "'");
        }
        return IocEntry.ofVersions(id, ecosystem.osv(), PackageName.check(name), Set.of(version), SEVERITY, feed);
    }
}
