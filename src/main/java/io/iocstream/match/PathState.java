package io.iocstream.match;

import io.iocstream.findings.Finding;
import io.iocstream.parse.Dependency;
import java.util.List;
import java.util.Map;

/**
 * What a branch's inventory knows about one path: its dependencies at the newest change applied, and the
 * findings open on it. A removed path stays as a tombstone (no dependencies) so that an older, late change
 * cannot bring it back.
 */
public record PathState(long seq, String commit, List<Dependency> dependencies, Map<String, Finding> open) {
    public PathState {
        dependencies = List.copyOf(dependencies);
        open = Map.copyOf(open);
    }
}
