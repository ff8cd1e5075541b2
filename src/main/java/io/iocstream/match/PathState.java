package io.iocstream.match;

import io.iocstream.parse.FileFacts;
import java.util.Map;

/**
 * What a branch's inventory knows about one path: the file's facts at the newest change applied, and the hits
 * whose findings are open on it, by finding id. A hit is all that a {@code resolved} line needs besides the
 * branch, the path and the resolving commit. A removed path stays as a tombstone ({@code facts} null) so that an
 * older, late change cannot bring it back.
 */
public record PathState(long seq, String commit, FileFacts facts, Map<String, Hit> open) {
    public PathState {
        open = Map.copyOf(open);
    }

    boolean present() {
        return facts != null;
    }
}
