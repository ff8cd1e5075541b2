package io.iocstream.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A file's dependencies, each once, in the order the file first names them. A set beside a list rather than a
 * {@code LinkedHashSet}: copying that into the parser's list took about a tenth of a line parser's time.
 */
final class DistinctDependencies {

    private final Set<Dependency> seen;
    private final List<Dependency> inOrder;

    /**
     * A guess from the file's size can be far off (a file of blank lines), and the set's table is allocated at
     * the first add: beyond this, the set grows as dependencies come.
     */
    private static final int MAX_PRESIZE = 1 << 14;

    /** Sized for about {@code expected} dependencies (at most {@link #MAX_PRESIZE}), so that it seldom grows. */
    DistinctDependencies(int expected) {
        int size = Math.min(expected, MAX_PRESIZE);
        // a hash set grows at three quarters full
        seen = new HashSet<>(size + size / 3 + 1);
        inOrder = new ArrayList<>(size);
    }

    void add(Dependency dep) {
        if (seen.add(dep)) {
            inOrder.add(dep);
        }
    }

    List<Dependency> list() {
        return inOrder;
    }
}
