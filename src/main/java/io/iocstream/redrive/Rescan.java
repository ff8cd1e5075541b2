package io.iocstream.redrive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a re-tryable dead letter comes back as: a request to scan a ref's whole tree again
 * ({@code {"iocstream": "rescan", "repository": "o/r", "ref": "refs/heads/main", "commit": SHA}}), which the job
 * plans even for a ref it has scanned. The tree read is a snapshot, so whichever files failed, the ref's findings
 * come out as a run without failures would leave them.
 *
 * @param commit the commit to scan, or null for the ref's head when the scan is listed
 */
public record Rescan(String repo, String ref, String commit) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event line the job's ingest reads. */
    public String line() {
        ObjectNode line = JSON.createObjectNode();
        line.put("iocstream", "rescan");
        line.put("repository", repo);
        line.put("ref", ref);
        if (commit != null) {
            line.put("commit", commit);
        }
        return line.toString();
    }

    /** The same ref at {@code other}. */
    public Rescan at(String other) {
        return new Rescan(repo, ref, other);
    }
}
