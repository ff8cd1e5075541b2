package io.iocstream.fetch;

import io.iocstream.changes.Trigger;
import io.iocstream.ingest.PushStamp;
import java.util.List;

/**
 * A file read at a commit (or news that a path, a whole tree or a ref changed), on its way to the parsers.
 *
 * @param seq          the ref's push sequence: the matcher applies a ref's scans in this order
 * @param scanSize     how many records this record's scan sends in all, so the matcher knows when it is whole
 * @param content      the bytes for {@link FileOp#CONTENT}, else null (and null when the content is spooled)
 * @param spool        for {@link FileOp#CONTENT} of a file too large for the heap: where its bytes are on this task
 *                     manager's disk, readable while the chained parser handles this record; else null
 * @param presentPaths for {@link FileOp#SNAPSHOT}: every file in the tree, else empty
 * @param pushed       who pushed and when, for the findings
 */
public record FetchedFile(
        String repo,
        String ref,
        String commit,
        String path,
        Trigger trigger,
        long seq,
        int scanSize,
        FileOp op,
        byte[] content,
        Spool spool,
        List<String> presentPaths,
        PushStamp pushed) {

    public FetchedFile {
        presentPaths = List.copyOf(presentPaths);
        pushed = pushed == null ? PushStamp.NONE : pushed;
    }

    public static FetchedFile content(ScanContext at, String path, byte[] content) {
        return new FetchedFile(at.repo(), at.ref(), at.commit(), path, at.trigger(), at.seq(), at.scanSize(),
                FileOp.CONTENT, content, null, List.of(), at.pushed());
    }

    /** A file's content spooled to local disk, to be read as a stream. */
    public static FetchedFile spooled(ScanContext at, String path, Spool spool) {
        return new FetchedFile(at.repo(), at.ref(), at.commit(), path, at.trigger(), at.seq(), at.scanSize(),
                FileOp.CONTENT, null, spool, List.of(), at.pushed());
    }

    /** Whether the content is in a spool file rather than in {@link #content()}. */
    public boolean isSpooled() {
        return spool != null;
    }

    public static FetchedFile listed(ScanContext at, String path) {
        return of(at, path, FileOp.LISTED, List.of());
    }

    public static FetchedFile removed(ScanContext at, String path) {
        return of(at, path, FileOp.REMOVED, List.of());
    }

    public static FetchedFile snapshot(ScanContext at, List<String> presentPaths) {
        return of(at, "", FileOp.SNAPSHOT, presentPaths);
    }

    public static FetchedFile refDeleted(ScanContext at) {
        return of(at, "", FileOp.REF_DELETED, List.of());
    }

    public static FetchedFile refExpired(ScanContext at) {
        return of(at, "", FileOp.REF_EXPIRED, List.of());
    }

    public static FetchedFile failed(ScanContext at, String path) {
        return of(at, path, FileOp.FAILED, List.of());
    }

    public static FetchedFile empty(ScanContext at) {
        return of(at, "", FileOp.EMPTY, List.of());
    }

    private static FetchedFile of(ScanContext at, String path, FileOp op, List<String> presentPaths) {
        return new FetchedFile(at.repo(), at.ref(), at.commit(), path, at.trigger(), at.seq(), at.scanSize(), op,
                null, null, presentPaths, at.pushed());
    }

    /** The coordinates every record of one scan shares, how many records the scan sends, and who pushed when. */
    public record ScanContext(String repo, String ref, String commit, Trigger trigger, long seq, int scanSize,
            PushStamp pushed) {

        public ScanContext {
            pushed = pushed == null ? PushStamp.NONE : pushed;
        }

        /** A scan of which nothing is known of who pushed or when. */
        public ScanContext(String repo, String ref, String commit, Trigger trigger, long seq, int scanSize) {
            this(repo, ref, commit, trigger, seq, scanSize, PushStamp.NONE);
        }

        public static ScanContext of(io.iocstream.changes.ScanRequest request) {
            return new ScanContext(request.repo(), request.ref(), request.commit(), request.trigger(), request.seq(),
                    1, request.pushed());
        }

        public ScanContext ofSize(int size) {
            return new ScanContext(repo, ref, commit, trigger, seq, size, pushed);
        }

        /** The same scan at a commit looked up when it was listed. */
        public ScanContext atCommit(String headCommit) {
            return new ScanContext(repo, ref, headCommit, trigger, seq, scanSize, pushed);
        }
    }
}
