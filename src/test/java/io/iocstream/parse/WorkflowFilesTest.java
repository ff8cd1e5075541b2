package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workflow facts. The workflows here are constructed for the test after the published Shai-Hulud indicators
 * (a {@code discussion.yaml} backdoor running on a self-hosted runner labelled {@code SHA1HULUD}); no verbatim
 * malicious workflow is stored in the project.
 */
class WorkflowFilesTest {

    @Test
    void onlyYamlFilesDirectlyUnderTheWorkflowsFolderAreWorkflows() {
        assertThat(WorkflowFiles.isWorkflow(".github/workflows/discussion.yaml")).isTrue();
        assertThat(WorkflowFiles.isWorkflow(".github/workflows/ci.yml")).isTrue();
        assertThat(WorkflowFiles.isWorkflow(".github/workflows/scripts/build.yml")).isFalse();
        assertThat(WorkflowFiles.isWorkflow("docs/.github/workflows/ci.yml")).isFalse();
        assertThat(WorkflowFiles.isWorkflow(".github/workflows/README.md")).isFalse();
    }

    @Test
    void theNameAndEveryRunsOnLabelInEachForm() throws DependencyFileException {
        String workflow = """
                name: Discussion Create
                on:
                  discussion:
                jobs:
                  process:
                    runs-on: self-hosted
                  matrix:
                    runs-on: [ubuntu-latest, SHA1HULUD]
                  grouped:
                    runs-on:
                      group: ci-runners
                      labels: [linux, x64]
                """;

        assertThat(values(workflow)).containsExactly(
                "Discussion Create", "self-hosted", "ubuntu-latest", "SHA1HULUD", "linux", "x64", "ci-runners");
        // each value's first line, where a finding of it points
        assertThat(WorkflowFiles.linesOf(workflow.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                values(workflow))).containsEntry("Discussion Create", 1).containsEntry("self-hosted", 6)
                .containsEntry("SHA1HULUD", 8).containsEntry("ci-runners", 11).containsEntry("x64", 12);
    }

    @Test
    void anchorsAndAliasesReadAsTheirValues() throws DependencyFileException {
        String workflow = """
                name: Build
                on: push
                jobs:
                  first:
                    runs-on: &runner [self-hosted, SHA1HULUD]
                  second:
                    runs-on: *runner
                """;

        assertThat(values(workflow))
                .containsExactly("Build", "self-hosted", "SHA1HULUD");
    }

    @Test
    void aliasesThatStandForBillionsOfLabelsAreRefusedAndAnUnknownAliasToo() {
        StringBuilder laughs = new StringBuilder("name: lol\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            laughs.append("x").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        laughs.append("jobs:\n  j:\n    runs-on: *a8\n");

        assertThatThrownBy(() -> values(laughs.toString()))
                .isInstanceOf(DependencyFileException.class).hasMessageContaining("runs-on values");
        assertThatThrownBy(() -> values("name: x\njobs:\n  j:\n    runs-on: *none\n"))
                .isInstanceOf(DependencyFileException.class).hasMessageContaining("names no anchor");
    }

    @Test
    void aWorkflowThatIsNotAMappingIsRefused() {
        assertThatThrownBy(() -> values("- just\n- a list\n"))
                .isInstanceOf(DependencyFileException.class).hasMessageContaining("not a YAML mapping");
    }

    @Test
    void aNameOrLabelGitHubWouldNotAllowIsSkippedAndTheOthersAreRead() throws DependencyFileException {
        String workflow = """
                name: [not, a, name]
                on: push
                jobs:
                  build:
                    runs-on: [self-hosted, "SHA1HULUD\\u202e", SHA1HULUD]
                """;
        SkippedEntries skipped = new SkippedEntries();

        assertThat(WorkflowFiles.values(workflow.getBytes(StandardCharsets.UTF_8), skipped))
                .containsExactly("self-hosted", "SHA1HULUD");
        assertThat(skipped.listed()).extracting(SkippedEntry::entry, SkippedEntry::reason).containsExactly(
                tuple("entry name", "workflow: name is not a string"),
                tuple("entry jobs.build.runs-on", "workflow: jobs.build.runs-on has control character U+202E"));
    }

    private static List<String> values(String workflow) throws DependencyFileException {
        SkippedEntries skipped = new SkippedEntries();
        List<String> values = WorkflowFiles.values(workflow.getBytes(StandardCharsets.UTF_8), skipped);
        assertThat(skipped.listed()).isEmpty();
        return values;
    }
}
