package io.iocstream.parse;

import io.iocstream.changes.Trigger;
import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import io.iocstream.ingest.PushStamp;
import java.util.List;

/**
 * A change to one branch's inventory: a file's facts (read, or only listed), a removed file, a whole-tree
 * snapshot, a deleted ref, a file that failed, or an empty scan. Keyed by {@link #branchKey()}. The records of
 * one scan share {@code seq} and know their number, {@code scanSize}.
 *
 * @param facts  for {@link FileOp#CONTENT} and {@link FileOp#LISTED}, else null
 * @param pushed who pushed and when, for the findings
 */
public record InventoryUpdate(
        String repo,
        String ref,
        String commit,
        String path,
        Trigger trigger,
        long seq,
        int scanSize,
        FileOp op,
        FileFacts facts,
        List<String> presentPaths,
        PushStamp pushed) {

    public InventoryUpdate {
        presentPaths = List.copyOf(presentPaths);
        pushed = pushed == null ? PushStamp.NONE : pushed;
    }

    /** A change of which nothing is known of who pushed or when. */
    public InventoryUpdate(String repo, String ref, String commit, String path, Trigger trigger, long seq,
            int scanSize, FileOp op, FileFacts facts, List<String> presentPaths) {
        this(repo, ref, commit, path, trigger, seq, scanSize, op, facts, presentPaths, PushStamp.NONE);
    }

    public static InventoryUpdate of(FetchedFile file, FileOp op, FileFacts facts) {
        return new InventoryUpdate(file.repo(), file.ref(), file.commit(), file.path(), file.trigger(), file.seq(),
                file.scanSize(), op, facts, file.presentPaths(), file.pushed());
    }

    /** The branch this update changes. */
    public BranchKey branch() {
        return new BranchKey(repo, ref);
    }

    /** The key of its branch's inventory in keyed state ({@link BranchKey#key()}). */
    public String branchKey() {
        return branch().key();
    }
}
