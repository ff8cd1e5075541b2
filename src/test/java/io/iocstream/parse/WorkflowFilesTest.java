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

    @Test
    void theTriggersOfOnInEachFormWithTheLineEachIsNamedOn() throws DependencyFileException {
        // the backdoor the Shai-Hulud reports describe: on: discussion, run on the worm's self-hosted runner
        String backdoor = ConstructedWorkflows.BACKDOOR;
        assertThat(read(backdoor).triggers()).containsExactly("discussion");
        assertThat(triggerLines(backdoor)).containsExactly(java.util.Map.entry("on:discussion", 3));

        String injectable = """
                name: Label
                "on":
                  pull_request_target:
                    types: [opened]
                  workflow_run:
                    workflows: [CI]
                jobs:
                  label:
                    runs-on: [self-hosted, linux]
                """;
        assertThat(read(injectable).triggers()).containsExactly("pull_request_target", "workflow_run");
        assertThat(read(injectable).values()).containsExactly("Label", "self-hosted", "linux");
        assertThat(triggerLines(injectable)).containsEntry("on:pull_request_target", 3)
                .containsEntry("on:workflow_run", 5);

        String listed = "name: CI\non: [push, pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n";
        assertThat(read(listed).triggers()).containsExactly("push", "pull_request");
        assertThat(triggerLines(listed)).containsEntry("on:push", 2).containsEntry("on:pull_request", 2);

        String single = "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push\n";
        assertThat(read(single).triggers()).containsExactly("push");
        assertThat(read(single).values()).containsExactly("ubuntu-latest");
        assertThat(triggerLines(single)).containsExactly(java.util.Map.entry("on:push", 1));
    }

    @Test
    void aTriggerNamedOnlyBelowTheOnBlockHasNoLineAndAWorkflowWithoutOnHasNoTriggers()
            throws DependencyFileException {
        // flow style over lines: the event stands on the on: block's second line; none is looked for in the jobs
        String flow = "on: {pull_request_target: {},\n  discussion: {}}\njobs:\n  discussion:\n    runs-on: x\n";
        assertThat(read(flow).triggers()).containsExactly("pull_request_target", "discussion");
        assertThat(triggerLines(flow)).containsEntry("on:pull_request_target", 1).containsEntry("on:discussion", 2);

        String aliased = "x: &events [discussion]\non: *events\njobs: {}\n";
        assertThat(read(aliased).triggers()).containsExactly("discussion");
        assertThat(triggerLines(aliased)).isEmpty();

        assertThat(read("name: reusable\njobs: {}\n").triggers()).isEmpty();
    }

    @Test
    void aTriggerThatIsNoStringOrThatGitHubWouldNotAllowIsSkipped() throws DependencyFileException {
        SkippedEntries skipped = new SkippedEntries();
        WorkflowFiles.Workflow workflow = WorkflowFiles.read(
                "on: [push, {nested: map}, \"discussion\\u202e\"]\njobs: {}\n".getBytes(StandardCharsets.UTF_8), skipped);

        assertThat(workflow.triggers()).containsExactly("push");
        assertThat(skipped.listed()).extracting(SkippedEntry::entry).containsExactly("entry on", "entry on");
    }

    private static WorkflowFiles.Workflow read(String workflow) throws DependencyFileException {
        SkippedEntries skipped = new SkippedEntries();
        WorkflowFiles.Workflow read = WorkflowFiles.read(workflow.getBytes(StandardCharsets.UTF_8), skipped);
        assertThat(skipped.listed()).isEmpty();
        return read;
    }

    private static java.util.Map<String, Integer> triggerLines(String workflow) throws DependencyFileException {
        return WorkflowFiles.triggerLines(workflow.getBytes(StandardCharsets.UTF_8), read(workflow).triggers());
    }

    private static List<String> values(String workflow) throws DependencyFileException {
        SkippedEntries skipped = new SkippedEntries();
        List<String> values = WorkflowFiles.values(workflow.getBytes(StandardCharsets.UTF_8), skipped);
        assertThat(skipped.listed()).isEmpty();
        return values;
    }
}
