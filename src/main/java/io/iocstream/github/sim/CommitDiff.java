package io.iocstream.github.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The file changes between two commit trees, compared by blob id, in the shape of GitHub's compare API. */
final class CommitDiff {

    private CommitDiff() {}

    /** All changed files sorted by name; a file removed and re-added elsewhere unchanged is one rename, as on GitHub. */
    static List<ApiBodies.CompareFile> between(CommitTree base, CommitTree head) {
        // several removed files may share one blob id, so each id keeps a queue of paths
        Map<String, ArrayDeque<String>> removedBySha = new HashMap<>();
        for (CommitTree.Entry old : base.entries()) {
            if (!old.tree() && blobAt(head, old.path()) == null) {
                removedBySha.computeIfAbsent(old.sha(), k -> new ArrayDeque<>()).add(old.path());
            }
        }
        List<ApiBodies.CompareFile> files = new ArrayList<>();
        for (CommitTree.Entry now : head.entries()) {
            if (now.tree()) {
                continue;
            }
            CommitTree.Entry old = blobAt(base, now.path());
            if (old == null) {
                ArrayDeque<String> candidates = removedBySha.get(now.sha());
                String renamedFrom = candidates == null ? null : candidates.poll();
                files.add(file(now.sha(), now.path(), renamedFrom == null ? "added" : "renamed", renamedFrom));
            } else if (!old.sha().equals(now.sha())) {
                files.add(file(now.sha(), now.path(), "modified", null));
            }
        }
        removedBySha.forEach((sha, paths) -> paths.forEach(path -> files.add(file(sha, path, "removed", null))));
        files.sort(Comparator.comparing(ApiBodies.CompareFile::filename));
        return files;
    }

    private static CommitTree.Entry blobAt(CommitTree tree, String path) {
        CommitTree.Entry entry = tree.byPath().get(path);
        return entry == null || entry.tree() ? null : entry;
    }

    private static ApiBodies.CompareFile file(String sha, String filename, String status, String previous) {
        return new ApiBodies.CompareFile(sha, filename, status, 0, 0, 0, previous);
    }
}
