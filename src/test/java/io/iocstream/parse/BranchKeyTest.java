package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.changes.Trigger;
import io.iocstream.fetch.FileOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A branch key joins repo and ref as keyed state has always held them, and splits back into the same two. */
class BranchKeyTest {

    @Test
    void theKeyIsRepoSpaceRefAsInEverySavepoint() {
        assertThat(new BranchKey("acme/app", "refs/heads/main").key()).isEqualTo("acme/app refs/heads/main");
    }

    @Test
    void aKeySplitsBackIntoItsRepoAndRef() {
        for (BranchKey branch : List.of(new BranchKey("acme/app", "refs/heads/main"),
                new BranchKey("acme/app.js", "refs/heads/feature/legacy-colors"),
                new BranchKey("acme/app", "refs/tags/v1.0.0"))) {
            assertThat(BranchKey.parse(branch.key())).isEqualTo(branch);
        }
    }

    @Test
    void anUpdateIsKeyedByItsBranch() {
        InventoryUpdate update = new InventoryUpdate("acme/app", "refs/heads/dev", "c1", "package-lock.json",
                Trigger.PUSH, 1, 1, FileOp.REMOVED, null, List.of());
        assertThat(update.branch()).isEqualTo(new BranchKey("acme/app", "refs/heads/dev"));
        assertThat(update.branchKey()).isEqualTo("acme/app refs/heads/dev");
    }

    @Test
    void aStringWithoutASpaceIsNoKey() {
        assertThatThrownBy(() -> BranchKey.parse("acme/app")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'acme/app'");
    }
}
