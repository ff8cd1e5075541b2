package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.Trigger;
import io.iocstream.ingest.PushStamp;
import io.iocstream.feeds.Indicator;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.BranchKey;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A branch named like a worm ({@code ref} indicator): its finding lives on the ref's own path, opens once, outlives
 * a tree snapshot (which lists files, never the ref), and resolves when the ref is deleted or the indicator leaves.
 */
class RefFindingTest {

    private static final BranchKey WORM = new BranchKey("acme/app", "refs/heads/shai-hulud");
    private static final Indicator SHAI_HULUD = new Indicator("TEST-REF", Indicator.Kind.REF, "shai-hulud", "high",
            "", false, "iocs/refs.csv");

    private final List<Finding> findings = new ArrayList<>();
    private final BranchInventory inventory = new BranchInventory(WORM, findings::add);
    private final Map<String, PathState> paths = new LinkedHashMap<>();

    @Test
    void aWormBranchOpensOneRefFindingOnItsOwnPath() {
        IocIndex index = index(SHAI_HULUD);
        paths.put(WORM.ref(), inventory.refChange("c1", 1, Trigger.PUSH, null, PushStamp.NONE, index));
        assertThat(inventory.refChange("c2", 2, Trigger.PUSH, paths.get(WORM.ref()), PushStamp.NONE, index).open())
                .hasSize(1);

        assertThat(findings).extracting(Finding::status, Finding::kind, Finding::path, Finding::indicator)
                .containsExactly(tuple("open", "ref", "refs/heads/shai-hulud", "shai-hulud"));
        assertThat(inventory.refChange("c1", 1, Trigger.PUSH, null, PushStamp.NONE, index(otherWorm()))).isNull();
        assertThat(new BranchInventory(new BranchKey("acme/app", "refs/heads/main"), findings::add)
                .refChange("c1", 1, Trigger.PUSH, null, PushStamp.NONE, index)).isNull();
    }

    @Test
    void aSnapshotKeepsItAndTheRefsDeletionResolvesIt() {
        IocIndex index = index(SHAI_HULUD);
        paths.put(WORM.ref(), inventory.refChange("c1", 1, Trigger.PUSH, null, PushStamp.NONE, index));

        paths.putAll(inventory.removeAbsent(update(2, FileOp.SNAPSHOT), paths.entrySet()));
        assertThat(findings).extracting(Finding::status).containsExactly("open");

        paths.putAll(inventory.removeAbsent(update(3, FileOp.REF_DELETED), paths.entrySet()));
        assertThat(findings).extracting(Finding::status, Finding::path)
                .containsExactly(tuple("open", "refs/heads/shai-hulud"), tuple("resolved", "refs/heads/shai-hulud"));
    }

    @Test
    void withdrawingTheIndicatorResolvesItAndAHuntFindsItsRefNotAFileName() {
        paths.put(WORM.ref(), inventory.refChange("c1", 1, Trigger.PUSH, null, PushStamp.NONE, index(SHAI_HULUD)));
        IocIndex withFileName = index(new Indicator("TEST-NAME", Indicator.Kind.FILE_NAME, "shai-hulud", "medium",
                "", false, "iocs/names.csv"));

        paths.putAll(inventory.judgeOpenFindings(paths.entrySet(), (path, state) ->
                BranchInventory.hitsOf(withFileName, WORM, path, state, DocumentationPolicy.SAME)));

        assertThat(findings).extracting(Finding::status, Finding::kind)
                .containsExactly(tuple("open", "ref"), tuple("resolved", "ref"));
    }

    private static Indicator otherWorm() {
        return new Indicator("TEST-OTHER", Indicator.Kind.REF, "other-worm", "high", "", false, "iocs/refs.csv");
    }

    private static IocIndex index(Indicator... indicators) {
        IocIndex index = new IocIndex();
        for (Indicator indicator : indicators) {
            index.add(indicator);
        }
        return index;
    }

    private static InventoryUpdate update(long seq, FileOp op) {
        return new InventoryUpdate(WORM.repo(), WORM.ref(), "c" + seq, "", Trigger.PUSH, seq, 1, op,
                FileFacts.PATH_ONLY, List.of());
    }
}
