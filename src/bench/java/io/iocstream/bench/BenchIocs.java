package io.iocstream.bench;

import io.iocstream.match.IocEntry;
import io.iocstream.match.IocIndex;
import io.iocstream.parse.Dependency;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IOC entries for the benchmarks: the real Shai-Hulud excerpt from the test resources, plus generated entries
 * for bench package names at versions no file holds, so that most lookups find the name and compare versions.
 */
public final class BenchIocs {

    private static final String EXCERPT = "ioc/shai-hulud-compromised-packages-excerpt.txt";
    private static final Map<String, String> ECOSYSTEMS = Map.of("npm", "npm", "pypi", "PyPI", "go", "Go",
            "crates", "crates.io", "composer", "Packagist", "gem", "RubyGems", "maven", "Maven", "nuget", "NuGet");

    private BenchIocs() {}

    /** The excerpt's {@code ecosystem:name:version} and bare {@code name:version} (npm) lines. */
    public static List<IocEntry> shaiHuludExcerpt() throws IOException {
        List<IocEntry> entries = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                BenchIocs.class.getClassLoader().getResourceAsStream(EXCERPT), StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int first = line.indexOf(':');
                String ecosystem = "npm";
                if (first > 0 && ECOSYSTEMS.containsKey(line.substring(0, first)) && line.indexOf(':', first + 1) > 0) {
                    ecosystem = ECOSYSTEMS.get(line.substring(0, first));
                    line = line.substring(first + 1);
                }
                int last = line.lastIndexOf(':');
                entries.add(IocEntry.ofVersions(EXCERPT + ":" + lineNo, ecosystem, line.substring(0, last),
                        Set.of(line.substring(last + 1)), "critical", EXCERPT));
            }
        }
        return entries;
    }

    /** An entry for one name at a version that no generated file holds: a near miss. */
    public static IocEntry nearMiss(String ecosystem, String name, int n) {
        return IocEntry.ofVersions("BENCH-NEAR-" + n, ecosystem, name, Set.of("0.0.0-bench." + n), "high", "bench");
    }

    /** An entry for exactly this dependency: a planted hit. */
    public static IocEntry planted(Dependency dep, String id) {
        return IocEntry.ofVersions(id, dep.ecosystem(), dep.name(), Set.of(dep.version()), "critical", "bench");
    }

    /** The excerpt plus {@code perEcosystem} near misses on every other bench name of each ecosystem. */
    public static IocIndex index(int perEcosystem) throws IOException {
        IocIndex index = new IocIndex();
        shaiHuludExcerpt().forEach(index::add);
        int n = 0;
        for (String ecosystem : BenchPackages.ECOSYSTEMS) {
            for (int k = 0; k < perEcosystem; k++) {
                index.add(nearMiss(ecosystem, BenchPackages.name(ecosystem, 2 * k), n++));
            }
        }
        return index;
    }
}
