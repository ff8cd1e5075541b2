package io.iocstream.fetch;

import io.iocstream.findings.Trigger;
import java.util.List;

/**
 * A file read at a commit (or news that a path, a whole tree or a ref changed), on its way to the parsers.
 *
 * @param content      the bytes for {@link FileOp#CONTENT}, else null
 * @param presentPaths for {@link FileOp#SNAPSHOT}: every dependency file in the tree, else empty
 */
public record FetchedFile(
        String repo,
        String ref,
        String commit,
        String path,
        Trigger trigger,
        long seq,
        FileOp op,
        byte[] content,
        List<String> presentPaths) {

    public FetchedFile {
        presentPaths = List.copyOf(presentPaths);
    }

    public static FetchedFile content(ScanContext at, String path, byte[] content) {
        return new FetchedFile(at.repo(), at.ref(), at.commit(), path, at.trigger(), at.seq(), FileOp.CONTENT,
                content, List.of());
    }

    public static FetchedFile removed(ScanContext at, String path) {
        return new FetchedFile(at.repo(), at.ref(), at.commit(), path, at.trigger(), at.seq(), FileOp.REMOVED,
                null, List.of());
    }

    public static FetchedFile snapshot(ScanContext at, List<String> presentPaths) {
        return new FetchedFile(at.repo(), at.ref(), at.commit(), "", at.trigger(), at.seq(), FileOp.SNAPSHOT,
                null, presentPaths);
    }

    public static FetchedFile refDeleted(ScanContext at) {
        return new FetchedFile(at.repo(), at.ref(), at.commit(), "", at.trigger(), at.seq(), FileOp.REF_DELETED,
                null, List.of());
    }

    /** The coordinates every record of one scan shares. */
    public record ScanContext(String repo, String ref, String commit, Trigger trigger, long seq) {}
}
