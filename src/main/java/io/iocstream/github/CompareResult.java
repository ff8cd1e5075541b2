package io.iocstream.github;

import java.util.List;

/**
 * What the compare API says changed between two commits.
 *
 * @param truncated true when GitHub's 300-file cap was reached, so the list may be incomplete
 */
public record CompareResult(List<CompareFile> files, boolean truncated) {
    /** GitHub lists at most this many files in a compare response. */
    public static final int FILE_CAP = 300;

    public CompareResult {
        files = List.copyOf(files);
    }
}
