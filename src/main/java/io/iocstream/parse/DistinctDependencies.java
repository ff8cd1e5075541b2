package io.iocstream.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A line-format file's dependencies, each once, in the order the file first names them. A set beside a list
 * rather than a {@code LinkedHashSet}: copying that into the parser's list took about a tenth of a line parser's time.
 */
final class DistinctDependencies {

    private final Set<Dependency> seen;
    private final List<Dependency> inOrder = new ArrayList<>();

    /** Sized for about {@code expected} dependencies, so that the set seldom grows while it fills. */
    DistinctDependencies(int expected) {
        seen = new HashSet<>(expected);
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
