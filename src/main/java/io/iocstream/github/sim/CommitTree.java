package io.iocstream.github.sim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full git tree of one commit directory: every file and non-empty directory, with git object ids.
 *
 * @param rootSha the id of the root tree object
 * @param entries every blob and tree, sorted by path
 * @param byPath  the same entries keyed by path
 */
record CommitTree(String rootSha, List<Entry> entries, Map<String, Entry> byPath) {

    /** A blob ({@code file} set) or a tree ({@code file} null) inside the commit. */
    record Entry(String path, boolean tree, String sha, long size, Path file) {
        String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** Hashes the commit directory; symbolic links and special files are skipped so the walk never leaves it. */
    static CommitTree read(Path commitDir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String root = hashDirectory(commitDir, "", entries);
        entries.sort((a, b) -> a.path().compareTo(b.path()));
        Map<String, Entry> byPath = new LinkedHashMap<>();
        entries.forEach(e -> byPath.put(e.path(), e));
        return new CommitTree(root == null ? EMPTY_TREE_SHA : root,
                Collections.unmodifiableList(entries), Collections.unmodifiableMap(byPath));
    }

    static final String EMPTY_TREE_SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    // returns null for a directory without files: git does not record empty directories
    private static String hashDirectory(Path dir, String prefix, List<Entry> out) throws IOException {
        List<GitObjectIds.TreeItem> items = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                String path = prefix + name;
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    String sha = hashDirectory(child, path + "/", out);
                    if (sha != null) {
                        items.add(new GitObjectIds.TreeItem(name, true, sha));
                        out.add(new Entry(path, true, sha, 0, null));
                    }
                } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    String sha = GitObjectIds.blobSha(child);
                    items.add(new GitObjectIds.TreeItem(name, false, sha));
                    out.add(new Entry(path, false, sha, Files.size(child), child));
                }
            }
        }
        return items.isEmpty() ? null : GitObjectIds.treeSha(items);
    }
}
