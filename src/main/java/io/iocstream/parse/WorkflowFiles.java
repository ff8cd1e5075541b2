package io.iocstream.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub Actions workflows ({@code .github/workflows/*.yml} or {@code .yaml}): their top-level {@code name} and
 * the labels of every job's {@code runs-on} (a string, a list, or {@code {group, labels}}), the values that
 * workflow indicators name (a backdoor workflow's name, a rogue self-hosted runner's label). Workflows may use
 * YAML anchors, as GitHub Actions allows: an alias reads as its anchor's value.
 */
public final class WorkflowFiles {

    private static final String FORMAT = "workflow";
    /** Far more runs-on values than any real workflow has. */
    private static final int MAX_LABEL_VISITS = 10_000;

    private WorkflowFiles() {}

    public static boolean isWorkflow(String path) {
        if (!path.startsWith(".github/workflows/")) {
            return false;
        }
        String name = path.substring(".github/workflows/".length());
        return !name.contains("/") && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }

    /** The workflow's name and runner labels, in order of appearance, without repeats. */
    public static List<String> values(byte[] content) throws DependencyFileException {
        Object root = JsLockfileYaml.readWithAnchors(FileFormats.text(content, FORMAT), FORMAT);
        if (!(root instanceof Map<?, ?> workflow)) {
            throw new DependencyFileException(FORMAT + ": not a YAML mapping");
        }
        Set<String> values = new LinkedHashSet<>();
        if (workflow.get("name") instanceof String name) {
            values.add(name);
        }
        int[] budget = {MAX_LABEL_VISITS};
        if (workflow.get("jobs") instanceof Map<?, ?> jobs) {
            for (Object job : jobs.values()) {
                if (job instanceof Map<?, ?> steps) {
                    addLabels(steps.get("runs-on"), values, budget);
                }
            }
        }
        return new ArrayList<>(values);
    }

    private static void addLabels(Object runsOn, Set<String> values, int[] budget) throws DependencyFileException {
        // aliases share nodes: a list of lists of aliases can stand for billions of labels (billion laughs)
        if (--budget[0] < 0) {
            throw new DependencyFileException(FORMAT + ": more than " + MAX_LABEL_VISITS + " runs-on values");
        }
        if (runsOn instanceof String label) {
            values.add(label);
        } else if (runsOn instanceof List<?> labels) {
            for (Object label : labels) {
                addLabels(label, values, budget);
            }
        } else if (runsOn instanceof Map<?, ?> group) {
            addLabels(group.get("labels"), values, budget);
            addLabels(group.get("group"), values, budget);
        }
    }
}
