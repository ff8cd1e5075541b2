package io.iocstream.parse;

import java.io.Serializable;
import java.util.List;

/**
 * What one scanned file says to the IOC matcher: its dependencies (for dependency files), the SHA-256 of its
 * bytes, the host names it mentions, and, for GitHub Actions workflows, its top-level name and runner labels.
 * Kept in each branch's inventory, so a new IOC can be hunted in files seen long ago.
 *
 * @param sha256         lower-case hex, or null when the content was not read (a file too large to scan)
 * @param hosts          distinct host names seen in the file, lower-case
 * @param workflowValues for workflow files: the top-level {@code name} and every {@code runs-on} label
 * @param skippedEntries how many entries (lines, packages, labels) could not be read and were skipped: the file
 *                       was read in part, and its other facts are what the rest of it says
 */
public record FileFacts(List<Dependency> dependencies, String sha256, List<String> hosts,
        List<String> workflowValues, int skippedEntries) implements Serializable {

    /** A file listed but not read: only its path can match. */
    public static final FileFacts PATH_ONLY = new FileFacts(List.of(), null, List.of(), List.of());

    public FileFacts {
        dependencies = List.copyOf(dependencies);
        hosts = List.copyOf(hosts);
        workflowValues = List.copyOf(workflowValues);
    }

    /** The facts of a file read whole. */
    public FileFacts(List<Dependency> dependencies, String sha256, List<String> hosts, List<String> workflowValues) {
        this(dependencies, sha256, hosts, workflowValues, 0);
    }

    /** Whether some entries of the file could not be read. */
    public boolean readInPart() {
        return skippedEntries > 0;
    }
}
