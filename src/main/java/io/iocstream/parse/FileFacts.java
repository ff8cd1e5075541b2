package io.iocstream.parse;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one scanned file says to the IOC matcher: its dependencies (for dependency files), the SHA-256 of its
 * bytes, the host names it mentions, and, for GitHub Actions workflows, its top-level name, runner labels and
 * trigger events.
 * Kept in each branch's inventory, so a new IOC can be hunted in files seen long ago.
 *
 * @param sha256         lower-case hex, or null when the content was not read (a file too large to scan)
 * @param hosts          distinct host names seen in the file, lower-case
 * @param workflowValues for workflow files: the top-level {@code name} and every {@code runs-on} label
 * @param skippedEntries how many entries (lines, packages, labels) could not be read and were skipped: the file
 *                       was read in part, and its other facts are what the rest of it says
 * @param lines          the first line each host and workflow value is on (1-based), where known; a trigger's
 *                       under {@code on:EVENT} ({@link WorkflowFiles#TRIGGER_PREFIX})
 * @param workflowTriggers for workflow files: the events of its {@code on:} ({@code push}, {@code discussion})
 */
public record FileFacts(List<Dependency> dependencies, String sha256, List<String> hosts,
        List<String> workflowValues, int skippedEntries, Map<String, Integer> lines, List<String> workflowTriggers)
        implements Serializable {

    /** A file listed but not read: only its path can match. */
    public static final FileFacts PATH_ONLY = new FileFacts(List.of(), null, List.of(), List.of());

    public FileFacts {
        dependencies = List.copyOf(dependencies);
        hosts = List.copyOf(hosts);
        workflowValues = List.copyOf(workflowValues);
        lines = lines == null ? Map.of() : Map.copyOf(lines);
        workflowTriggers = workflowTriggers == null ? List.of() : List.copyOf(workflowTriggers);
    }

    /** Facts without trigger events: a file that is no workflow, or state written before they were kept. */
    public FileFacts(List<Dependency> dependencies, String sha256, List<String> hosts, List<String> workflowValues,
            int skippedEntries, Map<String, Integer> lines) {
        this(dependencies, sha256, hosts, workflowValues, skippedEntries, lines, List.of());
    }

    /** Facts without the lines of their hosts and workflow values. */
    public FileFacts(List<Dependency> dependencies, String sha256, List<String> hosts, List<String> workflowValues,
            int skippedEntries) {
        this(dependencies, sha256, hosts, workflowValues, skippedEntries, Map.of());
    }

    /** The first line a host or workflow value is on, or 0 when not known. */
    public int lineOf(String value) {
        return lines.getOrDefault(value, 0);
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
