package io.iocstream.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions workflows ({@code .github/workflows/*.yml} or {@code .yaml}): their top-level {@code name} and
 * the labels of every job's {@code runs-on} (a string, a list, or {@code {group, labels}}), the values that
 * workflow indicators name (a backdoor workflow's name, a rogue self-hosted runner's label), and the events of its
 * {@code on:} (a string, a list, or a map of event names), which the 2025 attacks chose ({@code discussion} for the
 * Shai-Hulud backdoor, {@code pull_request_target} and {@code workflow_run} for the workflow injections). Workflows
 * may use YAML anchors, as GitHub Actions allows: an alias reads as its anchor's value. A name, label or event that
 * is no string, or that GitHub would not allow ({@link EntryValues}), is skipped; the others are read.
 */
public final class WorkflowFiles {

    private static final String FORMAT = "workflow";
    /** Far more runs-on values than any real workflow has. */
    private static final int MAX_LABEL_VISITS = 10_000;
    /** The key under which {@link FileFacts#lines()} holds a trigger's line: {@code on:EVENT}. */
    public static final String TRIGGER_PREFIX = "on:";
    /** A top-level {@code on:} key, quoted or not, as the line it starts on. */
    private static final Pattern ON_KEY = Pattern.compile("^[\"']?on[\"']?\\s*:");

    /**
     * What a workflow says to the matcher.
     *
     * @param values   its top-level name and every runs-on label, in order of appearance, without repeats
     * @param triggers the events of its {@code on:}, in order, without repeats
     */
    public record Workflow(List<String> values, List<String> triggers) {
        public Workflow {
            values = List.copyOf(values);
            triggers = List.copyOf(triggers);
        }
    }

    private WorkflowFiles() {}

    public static boolean isWorkflow(String path) {
        if (!path.startsWith(".github/workflows/")) {
            return false;
        }
        String name = path.substring(".github/workflows/".length());
        return !name.contains("/") && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }

    /** The workflow's name and runner labels, in order of appearance, without repeats; bad ones are skipped. */
    public static List<String> values(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        return read(content, skipped).values();
    }

    /** The workflow's name, runner labels and trigger events; bad ones are skipped. */
    public static Workflow read(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        Object root = JsLockfileYaml.readWithAnchors(FileFormats.text(content, FORMAT), FORMAT);
        if (!(root instanceof Map<?, ?> workflow)) {
            throw new DependencyFileException(FORMAT + ": not a YAML mapping");
        }
        Set<String> values = new LinkedHashSet<>();
        if (workflow.get("name") != null) {
            add(workflow.get("name"), "name", values, skipped);
        }
        int[] budget = {MAX_LABEL_VISITS};
        if (workflow.get("jobs") instanceof Map<?, ?> jobs) {
            for (Map.Entry<?, ?> job : jobs.entrySet()) {
                if (job.getValue() instanceof Map<?, ?> steps) {
                    addLabels(steps.get("runs-on"), "jobs." + job.getKey() + ".runs-on", values, skipped, budget);
                }
            }
        }
        Set<String> triggers = new LinkedHashSet<>();
        Object on = workflow.get("on");
        if (on instanceof Map<?, ?> events) {
            for (Object event : events.keySet()) {
                add(event, "on", triggers, skipped);
            }
        } else if (on instanceof List<?> events) {
            for (Object event : events) {
                add(event, "on", triggers, skipped);
            }
        } else if (on != null) {
            add(on, "on", triggers, skipped);
        }
        return new Workflow(new ArrayList<>(values), new ArrayList<>(triggers));
    }

    /**
     * The line (1-based) each trigger is named on, under the key {@code on:EVENT}: the first line from the top-level
     * {@code on:} key on that names the event as a word ({@code on: discussion}, {@code on: [push, discussion]}, or
     * the event's own key of an {@code on:} map). A workflow whose {@code on:} is written in flow style over
     * several lines, or through an alias, may leave an event without a line.
     */
    public static Map<String, Integer> triggerLines(byte[] content, List<String> triggers) {
        if (triggers.isEmpty()) {
            return Map.of();
        }
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        int on = 0;
        while (on < lines.length && !ON_KEY.matcher(lines[on]).find()) {
            on++;
        }
        Map<String, Integer> found = new HashMap<>();
        for (String event : triggers) {
            Pattern word = Pattern.compile("(?<![\\w-])" + Pattern.quote(event) + "(?![\\w-])");
            for (int i = on; i < lines.length; i++) {
                if (i > on && !lines[i].isBlank() && !Character.isWhitespace(lines[i].charAt(0))
                        && !lines[i].startsWith("#")) {
                    break; // the next top-level key: the on: block is over
                }
                // the on: key's value, or the event's own key below it; never a job or step further down
                Matcher in = word.matcher(i == on ? lines[i].substring(lines[i].indexOf(':') + 1) : lines[i]);
                if (in.find()) {
                    found.put(TRIGGER_PREFIX + event, i + 1);
                    break;
                }
            }
        }
        return found;
    }

    private static void addLabels(Object runsOn, String entry, Set<String> values, SkippedEntries skipped,
            int[] budget) throws DependencyFileException {
        // aliases share nodes: a list of lists of aliases can stand for billions of labels (billion laughs)
        if (--budget[0] < 0) {
            throw new DependencyFileException(FORMAT + ": more than " + MAX_LABEL_VISITS + " runs-on values");
        }
        if (runsOn instanceof List<?> labels) {
            for (Object label : labels) {
                addLabels(label, entry, values, skipped, budget);
            }
        } else if (runsOn instanceof Map<?, ?> group) {
            addLabels(group.get("labels"), entry, values, skipped, budget);
            addLabels(group.get("group"), entry, values, skipped, budget);
        } else if (runsOn != null) {
            add(runsOn, entry, values, skipped);
        }
    }

    /**
     * The first line (1-based) that holds each value as text: a name or label is written where the workflow names
     * it, or at its anchor. A value found on no line (an escaped or folded string) has no line.
     */
    public static Map<String, Integer> linesOf(byte[] content, List<String> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> lines = new HashMap<>();
        int number = 0;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
            number++;
            for (String value : values) {
                if (!lines.containsKey(value) && line.contains(value)) {
                    lines.put(value, number);
                }
            }
            if (lines.size() == values.size()) {
                break;
            }
        }
        return lines;
    }

    /** Adds a name or label, unless it is no string or one GitHub would not allow. */
    private static void add(Object value, String entry, Set<String> values, SkippedEntries skipped) {
        String problem = value instanceof String text ? EntryValues.problem(entry, text) : entry + " is not a string";
        if (problem == null) {
            values.add((String) value);
        } else {
            skipped.skip("entry " + entry, FORMAT + ": " + problem, String.valueOf(value));
        }
    }
}
