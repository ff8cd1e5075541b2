package io.iocstream.bench;

import io.iocstream.feeds.FeedDirectory;
import io.iocstream.feeds.IocEntry;
import io.iocstream.match.IocIndex;
import io.iocstream.parse.Dependency;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * IOC entries for the benchmarks: the real Shai-Hulud excerpt from the test resources, plus generated entries
 * for bench package names at versions no file holds, so that most lookups find the name and compare versions.
 */
public final class BenchIocs {

    private static final Path IOC = Path.of("src/test/resources/ioc");
    private static final String EXCERPT = "shai-hulud-compromised-packages-excerpt.txt";

    private BenchIocs() {}

    /** The excerpt's entries, read as the job reads a TXT feed. */
    public static List<IocEntry> shaiHuludExcerpt() {
        FeedDirectory.Result read = FeedDirectory.readFile(IOC, IOC.resolve(EXCERPT));
        if (!read.deadLetters().isEmpty()) {
            throw new IllegalStateException("the excerpt must read cleanly: " + read.deadLetters().get(0));
        }
        return read.packages();
    }

    /** An entry for one name at a version that no generated file holds: a near miss. */
    public static IocEntry nearMiss(String ecosystem, String name, int n) {
        return IocEntry.ofVersions("BENCH-NEAR-" + n, ecosystem, name, Set.of("0.0.0-bench." + n), "high", "bench");
    }

    /** An entry for exactly this dependency: a planted hit. */
    public static IocEntry planted(Dependency dep, String id) {
        return IocEntry.ofVersions(id, dep.ecosystem(), dep.name(), Set.of(dep.version()), "critical", "bench");
    }

    /**
     * The excerpt plus {@code perEcosystem} near misses of each ecosystem, on every {@code every}-th bench name
     * (2: half the names of a written file have an entry at another version).
     */
    public static IocIndex index(int perEcosystem, int every) {
        IocIndex index = new IocIndex();
        shaiHuludExcerpt().forEach(index::add);
        int n = 0;
        for (String ecosystem : BenchPackages.ECOSYSTEMS) {
            for (int k = 0; k < perEcosystem; k++) {
                index.add(nearMiss(ecosystem, BenchPackages.name(ecosystem, every * k), n++));
            }
        }
        return index;
    }
}
