package io.iocstream.fetch;

import io.iocstream.changes.ScanRequest;
import io.iocstream.fetch.FetchedFile.ScanContext;
import io.iocstream.github.CompareFile;
import io.iocstream.github.CompareResult;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.TreeEntry;
import io.iocstream.github.TreeListing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns which files a scan request covers — from the push payload, the compare API, or the whole tree — and
 * which of them must be read: every file, since hashes, host names and file names are indicators too, and only
 * changed files are read for a push. Files that carry IOCs ({@link PriorityFiles}) come first in {@code toFetch},
 * the rest in listing order, so that a scan cut short by the rate budget has read those. Shared by every fetch
 * strategy. Every record of one scan carries the scan's
 * size, and a scan that changes no file still sends one {@link FileOp#EMPTY} record, so the matcher can tell
 * when a scan is whole and apply a ref's scans in order. A tree that GitHub truncated at its cap sends EMPTY in
 * place of its SNAPSHOT: the files listed are read, but absence from an incomplete listing resolves nothing. A
 * baseline without a commit is listed at its branch's head, looked up here, and its records carry that commit.
 *
 * @param toFetch    files to read
 * @param ready      records that need no fetching: removed or only-listed paths, a tree snapshot, a deleted ref,
 *                   or EMPTY
 * @param considered paths looked at
 */
public record ScanListing(List<FileRef> toFetch, List<FetchedFile> ready, int considered) {

    /** Files other than dependency files and workflows are read for content indicators up to this size. */
    static final long CONTENT_SCAN_MAX_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ScanListing.class);
    private static final String BRANCH_PREFIX = "refs/heads/";

    public static ScanListing of(GitHubClient client, ScanRequest request, PriorityFiles priority)
            throws IOException {
        return of(Listings.rest(client), request, priority);
    }

    static ScanListing of(Listings client, ScanRequest request, PriorityFiles priority) throws IOException {
        ScanContext at = ScanContext.of(request);
        ScanListing listing = switch (request.mode()) {
            case DELETE_REF -> new ScanListing(List.of(), List.of(FetchedFile.refDeleted(at)), 0);
            case PATHS -> changes(at, request.paths(), request.removed(), List.of());
            case COMPARE -> compare(client, request, at, priority);
            case TREE -> request.commit() != null ? tree(client, at, priority) : treeAtHead(client, at, priority);
        };
        List<FileRef> first = new ArrayList<>(listing.toFetch());
        // a stable sort: priority files first, each part in listing order
        first.sort(Comparator.comparing(file -> !priority.contains(file.path())));
        return new ScanListing(first, listing.ready(), listing.considered());
    }

    /**
     * A baseline of a branch's head (a listed repository, a repository event): the head is looked up now; a branch
     * that does not exist yet (an empty repository) has nothing to scan, and its first push will be its baseline.
     */
    private static ScanListing treeAtHead(Listings client, ScanContext scan, PriorityFiles priority) throws IOException {
        String branch = scan.ref().substring(BRANCH_PREFIX.length());
        Optional<String> head = client.branchHead(scan.repo(), branch);
        if (head.isEmpty()) {
            LOG.info("{} has no {} to baseline yet (an empty repository?); its first push will be its baseline",
                    scan.repo(), scan.ref());
            return new ScanListing(List.of(), List.of(FetchedFile.empty(scan)), 0);
        }
        return tree(client, scan.atCommit(head.get()), priority);
    }

    /** The one record a scan whose listing failed sends, so later scans of its ref are not held up. */
    public static FetchedFile failed(ScanRequest request) {
        return FetchedFile.failed(ScanContext.of(request), "");
    }

    private static ScanListing compare(Listings client, ScanRequest request, ScanContext at, PriorityFiles priority)
            throws IOException {
        CompareResult compare = client.compare(request.repo(), request.before(), request.commit());
        if (compare.truncated()) {
            // past GitHub's 300-file cap the list is incomplete: the tree is the only full answer
            return tree(client, at, priority);
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

    private static ScanListing tree(Listings client, ScanContext scan, PriorityFiles priority) throws IOException {
        TreeListing tree = client.tree(scan.repo(), scan.commit());
        List<TreeEntry> entries = tree.files();
        ScanContext at = scan.ofSize(entries.size() + 1);
        List<FileRef> toFetch = new ArrayList<>();
        List<FetchedFile> ready = new ArrayList<>();
        for (TreeEntry entry : entries) {
            if (worthReading(entry.path(), entry.size(), priority)) {
                toFetch.add(ref(at, entry.path(), entry.oid(), entry.size()));
            } else {
                ready.add(FetchedFile.listed(at, entry.path()));
            }
        }
        if (tree.truncated()) {
            LOG.warn("tree of {}@{} is truncated by GitHub after {} files: those are read, but no finding on a path"
                    + " past the cap is resolved by this scan", at.repo(), at.commit(), entries.size());
            ready.add(FetchedFile.empty(at));
        } else {
            ready.add(FetchedFile.snapshot(at, entries.stream().map(TreeEntry::path).toList()));
        }
        return new ScanListing(toFetch, ready, entries.size());
    }

    /**
     * Every file is read for hashes and host names, dependency files and workflows whatever their size (up to
     * the fetch cap); other files only up to {@link #CONTENT_SCAN_MAX_BYTES}, past which only their path is
     * matched. A size of -1 (unknown) is read.
     */
    static boolean worthReading(String path, long size, PriorityFiles priority) {
        return size <= CONTENT_SCAN_MAX_BYTES || priority.contains(path);
    }

    /** {@code oids}, when not empty, holds the blob id of each changed path, in order. */
    private static ScanListing changes(ScanContext scan, List<String> changed, List<String> removed,
            List<String> oids) {
        int considered = changed.size() + removed.size();
        if (considered == 0) {
            return new ScanListing(List.of(), List.of(FetchedFile.empty(scan)), 0);
        }
        ScanContext at = scan.ofSize(considered);
        List<FetchedFile> ready = removed.stream().map(path -> FetchedFile.removed(at, path)).toList();
        List<FileRef> toFetch = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            toFetch.add(ref(at, changed.get(i), oids.isEmpty() ? null : oids.get(i), -1));
        }
        return new ScanListing(toFetch, ready, considered);
    }

    private static FileRef ref(ScanContext at, String path, String oid, long size) {
        return new FileRef(at.repo(), at.ref(), at.commit(), path, at.trigger(), at.seq(), at.scanSize(), oid, size,
                at.pushed());
    }
}
