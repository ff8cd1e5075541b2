package io.iocstream.match;

import io.iocstream.parse.FileFacts;
import io.iocstream.parse.WorkflowFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code workflow} indicator that names what triggers a workflow: {@code on:EVENT} (a workflow whose {@code on:}
 * names the event, such as the Shai-Hulud backdoor's {@code on:discussion}), alone or joined by {@code +} with more
 * conditions that must all hold in the same workflow file: another {@code on:EVENT}, or {@code runs-on:LABEL}, which
 * holds where the value {@code LABEL} matches as a plain workflow value does (the top-level name or a runs-on label):
 * {@code on:discussion+runs-on:self-hosted}. A value that is not made only of such parts is a plain value and means
 * what it always meant; a condition matches besides that, never instead of it.
 *
 * @param triggers the events that must all trigger the workflow
 * @param values   the names or runs-on labels that must all be the workflow's
 */
record WorkflowCondition(List<String> triggers, List<String> values) {

    private static final String RUNS_ON = "runs-on:";

    /** The condition {@code value} writes, or null for a plain value (no {@code on:} part, or a part of no form). */
    static WorkflowCondition of(String value) {
        if (!value.contains(WorkflowFiles.TRIGGER_PREFIX)) {
            return null; // most values: plain names and labels
        }
        List<String> triggers = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String part : value.split("\\+", -1)) {
            String condition = part.strip();
            if (condition.startsWith(WorkflowFiles.TRIGGER_PREFIX)
                    && !condition.substring(WorkflowFiles.TRIGGER_PREFIX.length()).isBlank()) {
                triggers.add(condition.substring(WorkflowFiles.TRIGGER_PREFIX.length()).strip());
            } else if (condition.startsWith(RUNS_ON) && !condition.substring(RUNS_ON.length()).isBlank()) {
                values.add(condition.substring(RUNS_ON.length()).strip());
            } else {
                return null;
            }
        }
        return triggers.isEmpty() ? null : new WorkflowCondition(triggers, values);
    }

    /** Whether a workflow's facts meet every part. */
    boolean holds(FileFacts facts) {
        return facts.workflowTriggers().containsAll(triggers) && facts.workflowValues().containsAll(values);
    }

    /** The line of the first trigger, where the file says it; 0 when not known. */
    int line(FileFacts facts) {
        return facts.lineOf(WorkflowFiles.TRIGGER_PREFIX + triggers.get(0));
    }
}
