package io.iocstream.fetch;

import io.iocstream.changes.ScanRequest;
import io.iocstream.fetch.FetchedFile.ScanContext;
import io.iocstream.github.CompareFile;
import io.iocstream.github.CompareResult;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.TreeEntry;
import io.iocstream.parse.DependencyFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Learns which files a scan request covers — from the push payload, the compare API, or the whole tree — and
 * which of them must be read. Shared by every fetch strategy.
 *
 * @param toFetch    files to read
 * @param ready      records that need no fetching: removed paths, a tree snapshot, a deleted ref
 * @param considered paths looked at, dependency files or not
 */
public record ScanListing(List<FileRef> toFetch, List<FetchedFile> ready, int considered) {

    public static ScanListing of(GitHubClient client, ScanRequest request) throws IOException {
        ScanContext at = new ScanContext(request.repo(), request.ref(), request.commit(), request.trigger(),
                request.seq());
        return switch (request.mode()) {
            case DELETE_REF -> new ScanListing(List.of(), List.of(FetchedFile.refDeleted(at)), 0);
            case PATHS -> changes(at, request.paths(), request.removed(), List.of());
            case COMPARE -> compare(client, request, at);
            case TREE -> tree(client, at);
        };
    }

    private static ScanListing compare(GitHubClient client, ScanRequest request, ScanContext at)
            throws IOException {
        CompareResult compare = client.compare(request.repo(), request.before(), request.commit());
        if (compare.truncated()) {
            // past GitHub's 300-file cap the list is incomplete: the tree is the only full answer
            return tree(client, at);
        }
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> oids = new ArrayList<>();
        for (CompareFile file : compare.files()) {
            if ("removed".equals(file.status())) {
                removed.add(file.filename());
            } else {
                changed.add(file.filename());
                oids.add(file.sha());
            }
            if (file.previousFilename() != null && !file.previousFilename().equals(file.filename())) {
                removed.add(file.previousFilename());
            }
        }
        return changes(at, changed, removed, oids);
    }

    private static ScanListing tree(GitHubClient client, ScanContext at) throws IOException {
        List<TreeEntry> entries = client.tree(at.repo(), at.commit());
        List<String> present = new ArrayList<>();
        List<FileRef> toFetch = new ArrayList<>();
        for (TreeEntry entry : entries) {
            if (DependencyFiles.isDependencyFile(entry.path())) {
                present.add(entry.path());
                toFetch.add(ref(at, entry.path(), entry.oid(), entry.size()));
            }
        }
        return new ScanListing(toFetch, List.of(FetchedFile.snapshot(at, present)), entries.size());
    }

    /** {@code oids}, when not empty, holds the blob id of each changed path, in order. */
    private static ScanListing changes(ScanContext at, List<String> changed, List<String> removed,
            List<String> oids) {
        List<FetchedFile> ready = new ArrayList<>();
        for (String path : removed) {
            if (DependencyFiles.isDependencyFile(path)) {
                ready.add(FetchedFile.removed(at, path));
            }
        }
        List<FileRef> toFetch = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            if (DependencyFiles.isDependencyFile(changed.get(i))) {
                toFetch.add(ref(at, changed.get(i), oids.isEmpty() ? null : oids.get(i), -1));
            }
        }
        return new ScanListing(toFetch, ready, changed.size() + removed.size());
    }

    private static FileRef ref(ScanContext at, String path, String oid, long size) {
        return new FileRef(at.repo(), at.ref(), at.commit(), path, at.trigger(), at.seq(), oid, size);
    }
}
