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
 */
public record FileFacts(List<Dependency> dependencies, String sha256, List<String> hosts,
        List<String> workflowValues) implements Serializable {

    /** A file listed but not read: only its path can match. */
    public static final FileFacts PATH_ONLY = new FileFacts(List.of(), null, List.of(), List.of());

    public FileFacts {
        dependencies = List.copyOf(dependencies);
        hosts = List.copyOf(hosts);
        workflowValues = List.copyOf(workflowValues);
    }
}
