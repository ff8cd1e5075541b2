package io.iocstream.github;

import java.util.List;

/**
 * The files (blobs) of a commit's tree, recursively.
 *
 * @param files     every blob listed; directories and submodules are left out
 * @param truncated true when GitHub cut the recursive listing at its cap: files past it are missing
 */
public record TreeListing(List<TreeEntry> files, boolean truncated) {

    public TreeListing {
        files = List.copyOf(files);
    }
}
