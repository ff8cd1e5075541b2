package io.iocstream.match;

import static io.iocstream.parse.ConstructedWorkflows.BACKDOOR;
import static io.iocstream.parse.ConstructedWorkflows.INJECTABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.feeds.Indicator;
import io.iocstream.parse.DependencyFileException;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.ParseFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code workflow} indicators that name a workflow's triggers ({@code on:discussion},
 * {@code on:discussion+runs-on:self-hosted}) against workflows read by the real parser, and the plain values beside
 * them, which keep their meaning (the top-level name or a runs-on label). The workflows are constructed for the
 * test after the published descriptions of the Shai-Hulud backdoor and the 2025 workflow injections.
 */
class WorkflowTriggerMatchTest {

    private static final String ORDINARY = """
            name: discussion
            on: [push, pull_request]
            jobs:
              test:
                runs-on: ubuntu-latest
            """;

    @Test
    void aTriggerIndicatorHitsTheWorkflowItTriggersOnTheTriggersLine() throws Exception {
        IocIndex index = index(workflow("W-1", "on:discussion"), workflow("W-2", "on:pull_request_target"));

        assertThat(index.hits(".github/workflows/discussion.yaml", facts(BACKDOOR)))
                .extracting(h -> h.kind().wire(), Hit::indicator, Hit::iocIds, Hit::line)
                .containsExactly(tuple("workflow", "on:discussion", List.of("W-1"), 3));
        assertThat(index.hits(".github/workflows/triage.yml", facts(INJECTABLE)))
                .extracting(Hit::indicator, Hit::line).containsExactly(tuple("on:pull_request_target", 3));
        // a workflow named "discussion" is not triggered by it; nor is a file outside .github/workflows/
        assertThat(index.hits(".github/workflows/ci.yml", facts(ORDINARY))).isEmpty();
        assertThat(index.hits("docs/discussion.yaml", facts(".github/workflows/discussion.yaml", BACKDOOR)))
                .isEmpty();
    }

    @Test
    void aCombinationHitsOnlyWhereEveryPartHolds() throws Exception {
        IocIndex index = index(workflow("W-3", "on:discussion+runs-on:self-hosted"),
                workflow("W-4", "on:pull_request_target + on:workflow_run"));

        assertThat(index.hits(".github/workflows/discussion.yaml", facts(BACKDOOR)))
                .extracting(Hit::indicator, Hit::line)
                .containsExactly(tuple("on:discussion+runs-on:self-hosted", 3));
        String hostedRunner = BACKDOOR.replace("self-hosted", "ubuntu-latest");
        assertThat(index.hits(".github/workflows/discussion.yaml", facts(hostedRunner))).isEmpty();
        // only one of the two triggers
        assertThat(index.hits(".github/workflows/triage.yml", facts(INJECTABLE))).isEmpty();
        String both = INJECTABLE.replace("jobs:", "  workflow_run:\n    workflows: [CI]\njobs:");
        assertThat(index.hits(".github/workflows/triage.yml", facts(both))).extracting(Hit::indicator)
                .containsExactly("on:pull_request_target + on:workflow_run");
    }

    @Test
    void plainValuesKeepTheirMeaningSelfHostedLabelsIncluded() throws Exception {
        IocIndex index = index(workflow("W-5", "self-hosted"), workflow("W-6", "discussion"),
                workflow("W-7", "push"));

        assertThat(index.hits(".github/workflows/discussion.yaml", facts(BACKDOOR)))
                .extracting(Hit::indicator, Hit::line).containsExactly(tuple("self-hosted", 6));
        // runs-on: [self-hosted, linux]
        assertThat(index.hits(".github/workflows/triage.yml", facts(INJECTABLE)))
                .extracting(Hit::indicator, Hit::line).containsExactly(tuple("self-hosted", 7));
        // a name equal to the value, as always; a trigger named as a plain value is no hit
        assertThat(index.hits(".github/workflows/ci.yml", facts(ORDINARY))).extracting(Hit::indicator)
                .containsExactly("discussion");
    }

    @Test
    void aWorkflowNamedLikeAConditionIsHitOnceAndValuesThatAreNoConditionArePlain() throws Exception {
        IocIndex index = index(workflow("W-8", "on:discussion"), workflow("W-9", "C++ build+on:push"));
        String named = BACKDOOR.replace("name: Discussion Create", "name: \"on:discussion\"");

        assertThat(index.hits(".github/workflows/discussion.yaml", facts(named)))
                .extracting(Hit::indicator, Hit::iocIds).containsExactly(tuple("on:discussion", List.of("W-8")));
        assertThat(WorkflowCondition.of("C++ build+on:push")).isNull();
        assertThat(WorkflowCondition.of("runs-on:self-hosted")).isNull();
        assertThat(WorkflowCondition.of("on:")).isNull();
        assertThat(WorkflowCondition.of("on:discussion+")).isNull();
        assertThat(WorkflowCondition.of(" on: discussion + runs-on: self-hosted ")).isEqualTo(
                new WorkflowCondition(List.of("discussion"), List.of("self-hosted")));
    }

    @Test
    void aWithdrawnTriggerIndicatorNeverHits() throws Exception {
        IocIndex index = index(new Indicator("W-10", Indicator.Kind.WORKFLOW, "on:discussion", "high", "", true,
                "i.csv"));
        assertThat(index.hits(".github/workflows/discussion.yaml", facts(BACKDOOR))).isEmpty();
    }

    private static FileFacts facts(String workflow) throws DependencyFileException {
        return facts(".github/workflows/discussion.yaml", workflow);
    }

    private static FileFacts facts(String path, String workflow) throws DependencyFileException {
        return ParseFunction.facts(path, workflow.getBytes(StandardCharsets.UTF_8));
    }

    private static Indicator workflow(String id, String value) {
        return new Indicator(id, Indicator.Kind.WORKFLOW, value, "high", "", false, "i.csv");
    }

    private static IocIndex index(Indicator... indicators) {
        IocIndex index = new IocIndex();
        for (Indicator indicator : indicators) {
            index.add(indicator);
        }
        return index;
    }
}
