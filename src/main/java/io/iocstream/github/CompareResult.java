package io.iocstream.github;

import java.util.List;

/**
 * The changed files between two commits.
 *
 * @param truncated true when GitHub's cap of 300 files may have cut the list: scan the tree instead
 */
public record CompareResult(List<CompareFile> files, boolean truncated) {

    /** GitHub lists at most this many files in one compare answer. */
    public static final int MAX_FILES = 300;

    public CompareResult {
        files = List.copyOf(files);
    }
}
