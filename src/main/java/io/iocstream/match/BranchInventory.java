package io.iocstream.match;

import io.iocstream.changes.Trigger;
import io.iocstream.fetch.FileOp;
import io.iocstream.github.WebLinks;
import io.iocstream.ingest.PushStamp;
import io.iocstream.parse.BranchKey;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rules of one branch's inventory: what a change to a path, a hunt for new IOC entries or a second judgement of
 * open findings makes of its paths' states, and which findings that opens and resolves. Plain code: the matcher
 * reads the states from keyed state, calls these, and writes back the states they return. A path's hits are looked
 * up before anything of it is emitted, so a lookup that fails (a dead letter) leaves the path as it was.
 */
final class BranchInventory {

    /**
     * The path of a repository's own findings ({@code repository} indicators judged against a repository event): git
     * allows no file of that name, so no listing holds it.
     */
    static final String REPOSITORY_PATH = ".";

    /** A path's hits in a hunt, or null when the lookup failed on it (the caller dead-lettered it). */
    @FunctionalInterface
    interface Lookup {
        List<Hit> hits(String path, PathState state);
    }

    private final BranchKey branch;
    private final Consumer<Finding> findings;
    private final WebLinks links;
    private final DocumentationPolicy documentation;

    BranchInventory(BranchKey branch, Consumer<Finding> findings, WebLinks links, DocumentationPolicy documentation) {
        this.branch = branch;
        this.findings = findings;
        this.links = links;
        this.documentation = documentation;
    }

    /** The same, counting documentation like code. */
    BranchInventory(BranchKey branch, Consumer<Finding> findings, WebLinks links) {
        this(branch, findings, links, DocumentationPolicy.SAME);
    }

    /** The same, its findings linking to github.com. */
    BranchInventory(BranchKey branch, Consumer<Finding> findings) {
        this(branch, findings, new WebLinks(WebLinks.GITHUB_COM));
    }

    /**
     * The branch's own ref judged against the ref indicators ({@code shai-hulud}): its findings live on a path
     * named as the ref ({@code refs/heads/shai-hulud}), which no listing holds, so that they open once, resolve
     * when the ref is deleted or its indicator withdrawn, and are hunted like a file's. The path's new state, or
     * null when it has none and gains none.
     */
    PathState refChange(String commit, long seq, Trigger trigger, PathState before, PushStamp pushed,
            IocIndex index) {
        List<Hit> hits = index == null ? List.of() : index.refHits(branch.ref());
        if (before == null && hits.isEmpty()) {
            return null;
        }
        return reconcile(commit, seq, trigger, branch.ref(), before, FileFacts.PATH_ONLY, hits, pushed,
                Resolution.IOC_WITHDRAWN);
    }

    /**
     * The repository, as a repository event that asked for this scan shows it ({@code pushed}: its name, and the
     * description the event gave), judged against the repository indicators: its findings live on
     * {@link #REPOSITORY_PATH} of the branch the event named (the default branch). The path's new state is kept even
     * without hits, with the event's description, so that a repository indicator that arrives later is hunted there.
     */
    PathState repositoryChange(String commit, long seq, Trigger trigger, PathState before, PushStamp pushed,
            IocIndex index) {
        List<Hit> hits = index == null ? List.of() : index.repositoryHits(branch.repo(), pushed.description());
        return reconcile(commit, seq, trigger, REPOSITORY_PATH, before, FileFacts.PATH_ONLY, hits, pushed,
                Resolution.IOC_WITHDRAWN);
    }

    /**
     * A file record (content, listing, removal or failure) applied to its path: the path's new state, with findings
     * opened for new hits and resolved for hits gone; null when it leaves the path as it was (an older change than
     * the path's, or a failure that carries nothing).
     */
    PathState change(InventoryUpdate update, PathState before, IocIndex index) {
        FileFacts facts = factsAfter(update, before);
        if ((before != null && before.seq() > update.seq()) || (update.op() == FileOp.FAILED && facts == null)) {
            return null;
        }
        List<Hit> hits = hitsOf(index, update.path(), facts, documentation);
        Resolution resolution = facts == null ? Resolution.FILE_DELETED : Resolution.REMOVED_BY_PUSH;
        return reconcile(update.commit(), update.seq(), update.trigger(), update.path(), before, facts, hits,
                broughtInBy(update, before, facts), resolution);
    }

    /**
     * Who brought the path to this state: the push of this record, unless the file is the same as before (a tree
     * rescan or a listing of a file already read), when it is still who brought it in.
     */
    private static PushStamp broughtInBy(InventoryUpdate update, PathState before, FileFacts facts) {
        boolean unchanged = before != null && before.present() && facts != null && before.pushed().known()
                && (update.op() == FileOp.LISTED
                        || facts.sha256() != null && facts.sha256().equals(before.facts().sha256()));
        return unchanged ? before.pushed() : update.pushed();
    }

    /**
     * A snapshot of the tree or a deleted ref: every path older than it and not among its present paths is gone, and
     * its findings resolve ({@code file_deleted}, or {@code ref_deleted}). The new states of those paths (tombstones).
     */
    Map<String, PathState> removeAbsent(InventoryUpdate update, Iterable<Map.Entry<String, PathState>> paths) {
        Set<String> present = new HashSet<>(update.presentPaths());
        Map<String, PathState> gone = new HashMap<>();
        for (Map.Entry<String, PathState> entry : paths) {
            // a snapshot lists files: the ref's and the repository's own paths go only with the ref
            boolean refPath = (entry.getKey().equals(branch.ref()) || entry.getKey().equals(REPOSITORY_PATH))
                    && update.op() != FileOp.REF_DELETED;
            if (!refPath && !present.contains(entry.getKey()) && entry.getValue().seq() < update.seq()) {
                gone.put(entry.getKey(), entry.getValue());
            }
        }
        Resolution resolution = update.op() == FileOp.REF_DELETED ? Resolution.REF_DELETED : Resolution.FILE_DELETED;
        Map<String, PathState> removed = new HashMap<>();
        for (Map.Entry<String, PathState> entry : gone.entrySet()) {
            removed.put(entry.getKey(), reconcile(update.commit(), update.seq(), update.trigger(), entry.getKey(),
                    entry.getValue(), null, List.of(), update.pushed(), resolution));
        }
        return removed;
    }

    /**
     * The branch expired from state: each open finding is said once more, open and {@code expired} (nothing showed
     * it fixed, and nothing will watch it now). The caller then clears the branch's state.
     */
    void expire(Iterable<Map.Entry<String, PathState>> paths) {
        for (Map.Entry<String, PathState> entry : paths) {
            PathState state = entry.getValue();
            for (Hit hit : state.open().values()) {
                findings.accept(Findings.expired(branch.repo(), branch.ref(), state.commit(), entry.getKey(), hit,
                        new Findings.Seen(state.pushed(), links)));
            }
        }
    }

    /**
     * Looks for new entries in every path ({@code lookUp} knows them), opening findings that are not open yet. The
     * new states of the paths that gained findings.
     */
    Map<String, PathState> retroHunt(Iterable<Map.Entry<String, PathState>> paths, Lookup lookUp) {
        Map<String, PathState> changed = new HashMap<>();
        for (Map.Entry<String, PathState> entry : paths) {
            String path = entry.getKey();
            PathState state = entry.getValue();
            List<Hit> hits = lookUp.hits(path, state);
            if (hits == null || hits.isEmpty()) {
                continue;
            }
            Map<String, Hit> open = new HashMap<>(state.open());
            for (Hit hit : hits) {
                String id = hit.findingId(branch.repo(), branch.ref(), path);
                if (!open.containsKey(id)) {
                    // the file was brought in by the push that last changed it: that push's who and when
                    findings.accept(Findings.open(branch.repo(), branch.ref(), state.commit(), path, hit,
                            Trigger.RETRO_HUNT, new Findings.Seen(state.pushed(), links)));
                    open.put(id, hit);
                }
            }
            if (open.size() != state.open().size()) {
                changed.put(path, new PathState(state.seq(), state.commit(), state.facts(), open, state.pushed()));
            }
        }
        return changed;
    }

    /**
     * Entries left the index: every open finding is judged again against what it still holds ({@code lookUp}), so
     * one that no entry supports any more resolves (whichever entries it was opened for: another feed may have named
     * the same package since, and a list's line ids shift when it is edited). The new states of the paths judged.
     */
    Map<String, PathState> judgeOpenFindings(Iterable<Map.Entry<String, PathState>> paths, Lookup lookUp) {
        Map<String, PathState> changed = new HashMap<>();
        for (Map.Entry<String, PathState> entry : paths) {
            PathState state = entry.getValue();
            List<Hit> hits = state.open().isEmpty() ? null : lookUp.hits(entry.getKey(), state);
            if (hits != null) {
                changed.put(entry.getKey(), reconcile(state.commit(), state.seq(), Trigger.RETRO_HUNT, entry.getKey(),
                        state, state.facts(), hits, state.pushed(), Resolution.IOC_WITHDRAWN));
            }
        }
        return changed;
    }

    /** Everything {@code index} hits in a path's facts; nothing for a path that is gone or before the feeds load. */
    static List<Hit> hitsOf(IocIndex index, String path, FileFacts facts) {
        return hitsOf(index, path, facts, DocumentationPolicy.SAME);
    }

    /** The same, with network indicators in documentation counted as {@code documentation} says. */
    static List<Hit> hitsOf(IocIndex index, String path, FileFacts facts, DocumentationPolicy documentation) {
        return index == null || facts == null ? List.of() : index.hits(path, facts, documentation);
    }

    /**
     * A path's hits in a hunt: the ref's own path ({@link #refChange}) is judged by its ref, the repository's
     * ({@link #repositoryChange}) by its name and the description its event gave, the others by facts.
     */
    static List<Hit> hitsOf(IocIndex index, BranchKey branch, String path, PathState state,
            DocumentationPolicy documentation) {
        FileFacts facts = state.facts();
        if (path.equals(branch.ref())) {
            return index == null || facts == null ? List.of() : index.refHits(branch.ref());
        }
        if (path.equals(REPOSITORY_PATH)) {
            return index == null || facts == null ? List.of()
                    : index.repositoryHits(branch.repo(), state.pushed().description());
        }
        return hitsOf(index, path, facts, documentation);
    }

    /**
     * What the inventory knows of a path after this record: a read file's facts; none for a removed one; for a
     * file only listed (too large to read) the content facts read before, if any, since a listing says nothing
     * of its bytes; for a file that failed to parse its new hash and hosts with the dependencies and workflow
     * facts read before (a broken lockfile must not make a bad version look gone, and must not hide its hash);
     * for a file read in part, what it says now and what it said before (a skipped entry may be the one that held
     * a bad version); null for a FAILED record that carries nothing (a fetch that failed): the path stays as it was.
     */
    private static FileFacts factsAfter(InventoryUpdate update, PathState before) {
        FileFacts known = before != null && before.present() ? before.facts() : null;
        FileFacts facts = update.facts();
        return switch (update.op()) {
            case REMOVED -> null;
            case LISTED -> known != null ? known : FileFacts.PATH_ONLY;
            case FAILED -> facts == null ? null : new FileFacts(
                    known == null ? List.of() : known.dependencies(), facts.sha256(), facts.hosts(),
                    known == null ? List.of() : known.workflowValues(), 0, linesOf(facts, known),
                    known == null ? List.of() : known.workflowTriggers());
            case CONTENT -> known == null || !facts.readInPart() ? facts : new FileFacts(
                    union(facts.dependencies(), known.dependencies()), facts.sha256(), facts.hosts(),
                    union(facts.workflowValues(), known.workflowValues()), facts.skippedEntries(),
                    linesOf(facts, known), union(facts.workflowTriggers(), known.workflowTriggers()));
            default -> facts;
        };
    }

    /** The lines of the values read now, and of those kept from before where the file does not say them now. */
    private static Map<String, Integer> linesOf(FileFacts now, FileFacts before) {
        if (before == null) {
            return now.lines();
        }
        Map<String, Integer> lines = new HashMap<>(before.lines());
        lines.putAll(now.lines());
        return lines;
    }

    private static <T> List<T> union(List<T> now, List<T> before) {
        Set<T> union = new LinkedHashSet<>(now);
        union.addAll(before);
        return new ArrayList<>(union);
    }

    /**
     * Opens findings for new {@code hits}, those of the path's {@code facts} (null: the path is gone), and resolves
     * the path's findings that are no longer hit, for {@code resolution}.
     */
    private PathState reconcile(String commit, long seq, Trigger trigger, String path, PathState before,
            FileFacts facts, List<Hit> hits, PushStamp pushed, Resolution resolution) {
        Map<String, Hit> open = before == null ? new HashMap<>() : new HashMap<>(before.open());
        Findings.Seen seen = new Findings.Seen(pushed, links);
        Set<String> stillHit = new HashSet<>();
        for (Hit hit : hits) {
            String id = hit.findingId(branch.repo(), branch.ref(), path);
            stillHit.add(id);
            if (open.put(id, hit) == null) {
                findings.accept(Findings.open(branch.repo(), branch.ref(), commit, path, hit, trigger, seen));
            }
        }
        for (String id : new ArrayList<>(open.keySet())) {
            if (!stillHit.contains(id)) {
                // before holds every hit open before this change, and the commit it was read at with them
                findings.accept(Findings.resolved(branch.repo(), branch.ref(), commit, path, open.remove(id), trigger,
                        seen, before.commit(), resolution));
            }
        }
        return new PathState(seq, commit, facts, open, pushed);
    }
}
