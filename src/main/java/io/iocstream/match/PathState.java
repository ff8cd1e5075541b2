package io.iocstream.match;

import io.iocstream.ingest.PushStamp;
import io.iocstream.parse.FileFacts;
import java.util.Map;

/**
 * What a branch's inventory knows about one path: the file's facts at the newest change applied, and the hits
 * whose findings are open on it, by finding id. A hit is all that a {@code resolved} line needs besides the
 * branch, the path and the resolving commit. A removed path stays as a tombstone ({@code facts} null) so that an
 * older, late change cannot bring it back. {@code pushed} is who pushed the change that brought the path to this state,
 * and when: a retro hunt reports it for the file it finds an IOC in.
 */
public record PathState(long seq, String commit, FileFacts facts, Map<String, Hit> open, PushStamp pushed) {
    public PathState {
        open = Map.copyOf(open);
        pushed = pushed == null ? PushStamp.NONE : pushed;
    }

    /** A path's state of which nothing is known of who pushed it. */
    public PathState(long seq, String commit, FileFacts facts, Map<String, Hit> open) {
        this(seq, commit, facts, open, PushStamp.NONE);
    }

    boolean present() {
        return facts != null;
    }
}
