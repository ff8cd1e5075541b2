package io.iocstream.fetch;

import io.iocstream.changes.Trigger;
import io.iocstream.ingest.PushStamp;

/**
 * A file to read at a commit, on its way to the fetcher.
 *
 * @param oid  the blob id when a tree or compare listing gave it (files known by oid are not fetched twice),
 *             else null
 * @param size the size the listing gave, or -1
 * @param pushed who pushed and when, for the findings
 */
public record FileRef(String repo, String ref, String commit, String path, Trigger trigger, long seq, int scanSize,
        String oid, long size, PushStamp pushed) {

    public FileRef {
        pushed = pushed == null ? PushStamp.NONE : pushed;
    }

    /** A file of a scan of which nothing is known of who pushed or when. */
    public FileRef(String repo, String ref, String commit, String path, Trigger trigger, long seq, int scanSize,
            String oid, long size) {
        this(repo, ref, commit, path, trigger, seq, scanSize, oid, size, PushStamp.NONE);
    }

    FetchedFile.ScanContext at() {
        return new FetchedFile.ScanContext(repo, ref, commit, trigger, seq, scanSize, pushed);
    }
}
