package io.iocstream.fetch;

import io.iocstream.changes.Trigger;

/**
 * A file to read at a commit, on its way to the fetcher.
 *
 * @param oid  the blob id when a tree or compare listing gave it (files known by oid are not fetched twice),
 *             else null
 * @param size the size the listing gave, or -1
 */
public record FileRef(String repo, String ref, String commit, String path, Trigger trigger, long seq, int scanSize,
        String oid, long size) {

    FetchedFile.ScanContext at() {
        return new FetchedFile.ScanContext(repo, ref, commit, trigger, seq, scanSize);
    }
}
