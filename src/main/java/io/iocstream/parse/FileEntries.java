package io.iocstream.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entries of one dependency file as its parser reads them: the dependencies, each once, in the order the file
 * first names them, and the entries skipped, each with a reason. A dependency whose name or version no ecosystem
 * allows ({@link EntryValues}) is skipped too. A set beside a list rather than a {@code LinkedHashSet}: copying that
 * into the parser's list took about a tenth of a line parser's time.
 */
final class FileEntries {

    private final String format;
    private final SkippedEntries skipped;
    private final Set<Dependency> seen;
    private final List<Dependency> inOrder;

    /**
     * A guess from the file's size can be far off (a file of blank lines), and the set's table is allocated at
     * the first add: beyond this, the set grows as dependencies come.
     */
    private static final int MAX_PRESIZE = 1 << 14;

    /**
     * Sized for about {@code expected} dependencies (at most {@link #MAX_PRESIZE}), so that it seldom grows; bad
     * values are skipped into {@code skipped} with reasons that start with {@code format}.
     */
    FileEntries(String format, SkippedEntries skipped, int expected) {
        this.format = format;
        this.skipped = skipped;
        int size = Math.min(expected, MAX_PRESIZE);
        // a hash set grows at three quarters full
        seen = new HashSet<>(size + size / 3 + 1);
        inOrder = new ArrayList<>(size);
    }

    /** Adds a dependency; a bad one is skipped as the entry of its name. */
    void add(Dependency dep) {
        String problem = problem(dep);
        if (problem == null) {
            addChecked(dep);
        } else {
            skip("entry " + dep.name(), problem, dep.name() + " " + dep.version());
        }
    }

    /** Adds a dependency read from line {@code line}, whose text is {@code text[start, end)}. */
    void add(Dependency dep, int line, String text, int start, int end) {
        String problem = problem(dep);
        if (problem == null) {
            addChecked(dep.line() == 0 ? dep.atLine(line) : dep);
        } else {
            skipLine(line, problem, text, start, end);
        }
    }

    /** Skips an entry that cannot be read: {@code entry} says where it is, {@code reason} why, {@code raw} what. */
    void skip(String entry, String reason, String raw) {
        skipped.skip(entry, format + ": " + reason, raw);
    }

    /** Skips line {@code line}, whose text is {@code text[start, end)}. */
    void skipLine(int line, String reason, String text, int start, int end) {
        skipped.skipLine(line, format + ": " + reason, text, start, end);
    }

    List<Dependency> list() {
        return inOrder;
    }

    private void addChecked(Dependency dep) {
        // the first place a file names a package is where it is reported
        if (seen.add(dep.identity())) {
            inOrder.add(dep);
        }
    }

    /** Why a dependency cannot be reported (its name or version no ecosystem allows), or null when it can. */
    static String problem(Dependency dep) {
        if (dep.name().isEmpty() || dep.version().isEmpty()) {
            return dep.name().isEmpty() ? "empty name" : "empty version";
        }
        String name = EntryValues.problem("name", dep.name());
        return name != null ? name : EntryValues.problem("version", dep.version());
    }
}
