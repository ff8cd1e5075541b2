package io.iocstream.ingest;

import java.util.List;

/** One commit of a webhook push, with the paths it touched (Events API pushes carry none). */
public record PushCommit(String id, List<String> added, List<String> removed, List<String> modified) {
    public PushCommit {
        added = added == null ? List.of() : List.copyOf(added);
        removed = removed == null ? List.of() : List.copyOf(removed);
        modified = modified == null ? List.of() : List.copyOf(modified);
    }
}
