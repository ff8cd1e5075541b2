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
    void aWorkflowThatIsNotAMappingIsRefused() {
        assertThatThrownBy(() -> WorkflowFiles.values("- just\n- a list\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyFileException.class).hasMessageContaining("not a YAML mapping");
    }
}
