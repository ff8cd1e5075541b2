package io.iocstream.match;

import io.iocstream.fetch.FetchedFile;
import io.iocstream.fetch.FileOp;
import io.iocstream.findings.Trigger;
import io.iocstream.parse.Dependency;
import java.util.List;

/**
 * A change to one branch's dependency inventory: a file's dependencies, a removed file, a whole-tree
 * snapshot, or a deleted ref. Keyed by {@link #branchKey()}.
 */
public record InventoryUpdate(
        String repo,
        String ref,
        String commit,
        String path,
        Trigger trigger,
        long seq,
        FileOp op,
        List<Dependency> dependencies,
        List<String> presentPaths) {

    public InventoryUpdate {
        dependencies = List.copyOf(dependencies);
        presentPaths = List.copyOf(presentPaths);
    }

    public static InventoryUpdate of(FetchedFile file, List<Dependency> dependencies) {
        return new InventoryUpdate(file.repo(), file.ref(), file.commit(), file.path(), file.trigger(), file.seq(),
                file.op(), dependencies, file.presentPaths());
    }

    public String branchKey() {
        return branchKey(repo, ref);
    }

    public static String branchKey(String repo, String ref) {
        return repo + " " + ref;
    }
}
