package io.iocstream.match;

import io.iocstream.parse.ActionUses;
import io.iocstream.parse.DependencyFiles;
import java.util.Locale;

/**
 * How a network indicator (a domain, URL host or IP address) named in documentation counts. It counts in code,
 * scripts, workflows, manifests, lockfiles and configuration, where a host is something the repository runs
 * against; a README or a page under {@code docs/} that names a C2 host mostly warns about it. {@code ignore}
 * raises nothing there, {@code low} (the default) raises the finding at severity {@code low}, {@code same} counts it as
 * anywhere else. Hashes, file names, packages, actions and refs are never affected.
 */
public enum DocumentationPolicy {
    IGNORE, LOW, SAME;

    /** The policy a configuration word names ({@code ignore}, {@code low}, {@code same}); null when none. */
    public static DocumentationPolicy ofWord(String word) {
        for (DocumentationPolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(word.strip())) {
                return policy;
            }
        }
        return null;
    }

    /** The word configuration writes. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a path is documentation: Markdown, reStructuredText, AsciiDoc or plain text, or any file under a
     * {@code docs/} or {@code doc/} folder, or a README, CHANGELOG or LICENSE whatever its extension.
     */
    public static boolean isDocumentation(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        if (DependencyFiles.isDependencyFile(path) || ActionUses.readsUses(path)) {
            return false; // requirements.txt, or a workflow under docs/: what the repository runs
        }
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".rst")
                || lower.endsWith(".adoc") || lower.endsWith(".txt") || lower.startsWith("docs/")
                || lower.startsWith("doc/") || lower.contains("/docs/")
                || lower.contains("/doc/") || name.startsWith("readme") || name.startsWith("changelog")
                || name.startsWith("license");
    }
}
