package io.iocstream.fetch;

import io.iocstream.github.CompareFile;
import io.iocstream.github.CompareResult;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.TreeEntry;
import io.iocstream.github.TreeListing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Where scan listings come from: one REST call each, or the batched GraphQL trees of a {@link FetchService}. */
interface Listings {

    /** Every blob of the commit's tree; {@link TreeListing#truncated()} when GitHub's cap cut it. */
    TreeListing tree(String repo, String commit) throws IOException;

    /** What changed between two commits; {@link CompareResult#truncated()} when only the tree can tell. */
    CompareResult compare(String repo, String base, String head) throws IOException;

    /** The commit a branch points at now; empty for a branch that does not exist or an empty repository. */
    Optional<String> branchHead(String repo, String branch) throws IOException;

    /** The REST API: the compare endpoint (capped at 300 files) and recursive trees. */
    static Listings rest(GitHubClient client) {
        return new Listings() {
            @Override
            public TreeListing tree(String repo, String commit) throws IOException {
                return client.tree(repo, commit);
            }

            @Override
            public CompareResult compare(String repo, String base, String head) throws IOException {
                return client.compare(repo, base, head);
            }

            @Override
            public Optional<String> branchHead(String repo, String branch) throws IOException {
                return client.branchHead(repo, branch);
            }
        };
    }

    /**
     * A compare worked out from the two trees, with no cap of its own: every path whose blob differs; truncated
     * when either tree is, since a path past the cap would look added or removed.
     */
    static CompareResult diff(TreeListing beforeTree, TreeListing afterTree) {
        List<TreeEntry> before = beforeTree.files();
        List<TreeEntry> after = afterTree.files();
        Map<String, String> old = before.stream().collect(Collectors.toMap(TreeEntry::path, TreeEntry::oid));
        Map<String, String> now = after.stream().collect(Collectors.toMap(TreeEntry::path, TreeEntry::oid,
                (a, b) -> a, java.util.LinkedHashMap::new));
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<CompareFile> files = new ArrayList<>();
        for (String path : paths) {
            String was = old.get(path);
            String is = now.get(path);
            if (was == null) {
                files.add(new CompareFile(path, "added", null, is));
            } else if (is == null) {
                files.add(new CompareFile(path, "removed", null, null));
            } else if (!was.equals(is)) {
                files.add(new CompareFile(path, "modified", null, is));
            }
        }
        return new CompareResult(files, beforeTree.truncated() || afterTree.truncated());
    }

}
