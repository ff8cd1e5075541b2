package io.iocstream.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The actions a workflow ({@code .github/workflows/*.yml}) or an action's metadata ({@code action.yml} or
 * {@code action.yaml} anywhere, a composite action) uses: every {@code uses: owner/repo[/path]@ref} of a job
 * (a reusable workflow), of a job's steps, and of a composite action's {@code runs.steps}. Each is a
 * {@link Dependency} of the {@code GitHub Actions} ecosystem: the name as written before the {@code @}
 * ({@code github/codeql-action/init}), the version the ref after it ({@code v3}, or a commit SHA), so that OSV
 * entries of that ecosystem match it by tag and {@code action} indicators by tag or SHA. Local actions
 * ({@code ./path}) and Docker images are skipped without a word: they name no repository; a {@code uses} that is
 * no string, or that GitHub would not allow, is a skipped entry.
 */
public final class ActionUses {

    private static final String FORMAT = "action";
    /** Far more steps than any real workflow has (GitHub caps a workflow's jobs at 256). */
    private static final int MAX_STEPS = 10_000;

    private ActionUses() {}

    /** Whether a path names an action's metadata file, {@code action.yml} or {@code action.yaml}, at any depth. */
    public static boolean isActionMetadata(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("action.yml") || name.equals("action.yaml");
    }

    /** Whether a path names a file whose {@code uses:} references are read. */
    public static boolean readsUses(String path) {
        return WorkflowFiles.isWorkflow(path) || isActionMetadata(path);
    }

    /** The {@code uses:} references of a workflow or action metadata file, in order, without repeats. */
    public static List<Dependency> uses(byte[] content, SkippedEntries skipped) throws DependencyFileException {
        Object root = JsLockfileYaml.readWithAnchors(FileFormats.text(content, FORMAT), FORMAT);
        if (!(root instanceof Map<?, ?> document)) {
            throw new DependencyFileException(FORMAT + ": not a YAML mapping");
        }
        Set<Dependency> uses = new LinkedHashSet<>();
        int[] budget = {MAX_STEPS};
        if (document.get("jobs") instanceof Map<?, ?> jobs) {
            for (Map.Entry<?, ?> job : jobs.entrySet()) {
                if (job.getValue() instanceof Map<?, ?> body) {
                    String entry = "jobs." + job.getKey();
                    add(body.get("uses"), entry + ".uses", uses, skipped);
                    addSteps(body.get("steps"), entry + ".steps", uses, skipped, budget);
                }
            }
        }
        if (document.get("runs") instanceof Map<?, ?> runs) {
            addSteps(runs.get("steps"), "runs.steps", uses, skipped, budget);
        }
        return new ArrayList<>(uses);
    }

    private static void addSteps(Object steps, String entry, Set<Dependency> uses, SkippedEntries skipped,
            int[] budget) throws DependencyFileException {
        if (!(steps instanceof List<?> list)) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            // aliases share nodes: a list repeated by alias can stand for far more steps than the file holds
            if (--budget[0] < 0) {
                throw new DependencyFileException(FORMAT + ": more than " + MAX_STEPS + " steps");
            }
            if (list.get(i) instanceof Map<?, ?> step) {
                add(step.get("uses"), entry + "[" + i + "].uses", uses, skipped);
            }
        }
    }

    private static void add(Object value, String entry, Set<Dependency> uses, SkippedEntries skipped) {
        if (value == null) {
            return;
        }
        String problem = value instanceof String text ? EntryValues.problem(entry, text) : entry + " is not a string";
        if (problem != null) {
            skipped.skip("entry " + entry, FORMAT + ": " + problem, String.valueOf(value));
            return;
        }
        String text = ((String) value).strip();
        if (!ActionReference.isRemote(text)) {
            return; // ./local-action, docker://image, or an expression: no repository to match
        }
        int at = text.indexOf('@');
        uses.add(new Dependency(ActionReference.ECOSYSTEM, text.substring(0, at), text.substring(at + 1)));
    }
}
