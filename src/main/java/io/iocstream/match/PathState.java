package io.iocstream.match;

import io.iocstream.findings.Finding;
import io.iocstream.parse.FileFacts;
import java.util.Map;

/**
 * What a branch's inventory knows about one path: the file's facts at the newest change applied, and the
 * findings open on it. A removed path stays as a tombstone ({@code facts} null) so that an older, late change
 * cannot bring it back.
 */
public record PathState(long seq, String commit, FileFacts facts, Map<String, Finding> open) {
    public PathState {
        open = Map.copyOf(open);
    }

    boolean present() {
        return facts != null;
    }
}
