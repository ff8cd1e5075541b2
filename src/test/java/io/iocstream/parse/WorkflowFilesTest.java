package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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

        assertThat(WorkflowFiles.values(workflow.getBytes(StandardCharsets.UTF_8))).containsExactly(
                "Discussion Create", "self-hosted", "ubuntu-latest", "SHA1HULUD", "linux", "x64", "ci-runners");
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

        assertThat(WorkflowFiles.values(workflow.getBytes(StandardCharsets.UTF_8)))
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

        assertThatThrownBy(() -> WorkflowFiles.values(laughs.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyFileException.class).hasMessageContaining("runs-on values");
        assertThatThrownBy(() -> WorkflowFiles.values("name: x\njobs:\n  j:\n    runs-on: *none\n"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyFileException.class).hasMessageContaining("names no anchor");
    }

    @Test
    void aWorkflowThatIsNotAMappingIsRefused() {
        assertThatThrownBy(() -> WorkflowFiles.values("- just\n- a list\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyFileException.class).hasMessageContaining("not a YAML mapping");
    }
}
