package io.iocstream.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.match.ScanRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a scan record marks its commit with, and the order marks go in. */
class CommitMarkTest {

    static final String SHA = "eacb9d8e845c478d0cf2cd9c84aebcf11e2b1188";

    static ScanRecord scan(String sha, int opened, int failed, List<String> iocIds) {
        List<ScanRecord.OpenedFinding> findings = new ArrayList<>();
        for (int i = 0; i < Math.min(opened, 20); i++) {
            findings.add(new ScanRecord.OpenedFinding("f" + i, "package-lock.json", "package",
                    "npm chalk@5.6.1", iocIds, "critical"));
        }
        return new ScanRecord(1, "acme/storefront", "refs/heads/main", sha, "push", 1, "changes", true, false,
                3, 3 - failed, 0, failed, 0, 0, opened, 0, iocIds, findings, "2026-12-06T08:00:00Z");
    }

    @Test
    void aScanThatOpenedFindingsIsAFailureNamingItsAdvisories() {
        CommitMark mark = CommitMark.of(scan(SHA, 2, 0, List.of("MAL-2025-46969", "MAL-2025-46974")), 0);
        assertThat(mark.verdict()).isEqualTo(CommitMark.Verdict.FAILURE);
        assertThat(mark.verdict().state()).isEqualTo("failure");
        assertThat(mark.description()).isEqualTo("2 findings: MAL-2025-46969, MAL-2025-46974");
        assertThat(mark.summary()).contains("| critical | `package-lock.json` | package: `npm chalk@5.6.1` |");
    }

    @Test
    void aDescriptionNeverPassesGitHubsLimit() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add("MAL-2025-" + (40000 + i));
        }
        CommitMark mark = CommitMark.of(scan(SHA, 40, 0, ids), 0);
        assertThat(mark.description()).hasSize(CommitMark.MAX_DESCRIPTION).startsWith("40 findings: MAL-2025-40000")
                .endsWith("…");
        assertThat(mark.summary()).contains("20 more findings are in the findings output.");
    }

    @Test
    void cleanOnlyWhenEveryFileWasRead() {
        assertThat(CommitMark.of(scan(SHA, 0, 0, List.of()), 0).verdict().state()).isEqualTo("success");
        CommitMark unread = CommitMark.of(scan(SHA, 0, 1, List.of()), 0);
        assertThat(unread.verdict().state()).isEqualTo("error");
        assertThat(unread.verdict().conclusion()).isEqualTo("neutral");
        assertThat(unread.description()).contains("1 of 3 files could not be read");
    }

    @Test
    void deletedRefsAndUnknownCommitsAreNotMarked() {
        assertThat(CommitMark.marks(scan(SHA, 0, 0, List.of()))).isTrue();
        assertThat(CommitMark.marks(scan("0".repeat(40), 0, 0, List.of()))).isFalse();
        assertThat(CommitMark.marks(scan(null, 0, 0, List.of()))).isFalse();
    }

    @Test
    void failuresGoFirstThenTheOldest() {
        List<CommitMark> marks = new ArrayList<>(List.of(CommitMark.of(scan(SHA, 0, 0, List.of()), 0),
                CommitMark.of(scan(SHA, 1, 0, List.of("A")), 3), CommitMark.of(scan(SHA, 0, 1, List.of()), 1),
                CommitMark.of(scan(SHA, 1, 0, List.of("B")), 2)));
        Collections.shuffle(marks);
        marks.sort(CommitMark::compare);
        assertThat(marks).extracting(CommitMark::arrival).containsExactly(2L, 3L, 0L, 1L);
    }
}
