package io.iocstream.bench;

import io.iocstream.match.FeedDirectory;
import io.iocstream.match.IocIndex;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.InstantiationUtil;

/**
 * Loads a feed directory of one million IOC entries (TXT lists in every ecosystem form of the contract, an
 * indicators CSV, and OSV documents) into an {@link IocIndex}, as the job's feed stage does, and measures: the
 * read and index build against a plain read of the same files' lines (the baseline, in the same run), the heap
 * the index keeps, and the time to snapshot and restore it with the serializer Flink uses for broadcast state.
 *
 * <p>Run: {@code mvn -o -q -Pbench test-compile exec:exec@feed-load -Dbench.args="--entries 1000000"}.
 */
public final class FeedLoadBench {

    private static final String[] PREFIXES = {"", "npm:", "pypi:", "go:", "crates:", "composer:", "gem:", "maven:",
            "nuget:"};

    private FeedLoadBench() {}

    public static void main(String[] args) throws Exception {
        int entries = args.length == 2 && args[0].equals("--entries") ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("iocstream-feed-bench");
        try {
            long bytes = writeFeed(dir, entries);
            System.out.printf(Locale.ROOT, "feed: %,d entries in %d files, %.1f MB%n", entries, fileCount(dir),
                    bytes / 1e6);
            for (int round = 1; round <= 3; round++) {
                measure(dir, round);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(Path dir, int round) throws Exception {
        long t0 = System.nanoTime();
        long lines = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                lines += Files.readAllLines(file).size();
            }
        }
        long plain = System.nanoTime() - t0;

        long heapBefore = usedHeapAfterGc();
        long t1 = System.nanoTime();
        FeedDirectory.Result feed = FeedDirectory.read(dir);
        IocIndex index = new IocIndex();
        feed.packages().forEach(index::add);
        feed.indicators().forEach(index::add);
        long load = System.nanoTime() - t1;
        if (!feed.deadLetters().isEmpty()) {
            throw new IllegalStateException("the generated feed must read cleanly: " + feed.deadLetters().get(0));
        }
        feed = null;
        long indexHeap = usedHeapAfterGc() - heapBefore;

        TypeSerializer<IocIndex> serializer =
                TypeInformation.of(IocIndex.class).createSerializer(new SerializerConfigImpl());
        long t2 = System.nanoTime();
        byte[] snapshot = InstantiationUtil.serializeToByteArray(serializer, index);
        IocIndex restored = InstantiationUtil.deserializeFromByteArray(serializer, snapshot);
        long snap = System.nanoTime() - t2;
        if (restored.size() != index.size()) {
            throw new IllegalStateException("restored " + restored.size() + " of " + index.size());
        }
        System.out.printf(Locale.ROOT, "round %d: plain read of %,d lines %.2f s; read + index %,d entries %.2f s "
                        + "(%.1fx the plain read); index heap %.0f MB; snapshot %.0f MB, write + restore %.2f s%n",
                round, lines, plain / 1e9, index.size(), load / 1e9, (double) load / plain, indexHeap / 1e6,
                snapshot.length / 1e6, snap / 1e9);
    }

    /** Writes the feed: 90% TXT lines over every prefix, 9% indicators, 1% OSV documents. */
    private static long writeFeed(Path dir, int entries) throws IOException {
        List<String> names = popularNpmNames();
        int osv = entries / 100;
        int indicators = entries * 9 / 100;
        int txt = entries - osv - indicators;
        int perFile = 100_000;
        for (int file = 0; file * perFile < txt; file++) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("list-" + file + ".txt"))) {
                out.write("# generated for the feed-load benchmark\n");
                for (int i = file * perFile; i < Math.min(txt, (file + 1) * perFile); i++) {
                    out.write(line(i, names));
                }
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("indicators.csv"))) {
            out.write("type,value,id,severity,description\n");
            for (int i = 0; i < indicators; i++) {
                out.write(switch (i % 4) {
                    case 0 -> String.format(Locale.ROOT, "sha256,%064x,H-%d,critical,payload%n", i * 2654435761L, i);
                    case 1 -> "domain,c2-" + i + ".example.net,D-" + i + ",high,exfiltration\n";
                    case 2 -> "file_name,payload-" + i + ".js,F-" + i + ",medium,dropper\n";
                    default -> "workflow,runner-" + i + ",W-" + i + ",high,rogue runner\n";
                });
            }
        }
        Path osvDir = Files.createDirectories(dir.resolve("osv"));
        for (int i = 0; i < osv; i++) {
            Files.writeString(osvDir.resolve("BENCH-" + i + ".json"), """
                    {"id": "BENCH-%d", "summary": "generated", "affected": [{"package": {"ecosystem": "npm",
                    "name": "%s"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "%d.0.0"},
                    {"fixed": "%d.0.1"}]}], "versions": ["%d.0.0"]}]}
                    """.formatted(i, names.get(i % names.size()), i, i, i));
        }
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
        }
        return bytes;
    }

    /** One TXT line; names repeat across versions as real lists do (many versions of one hijacked package). */
    private static String line(int i, List<String> names) {
        String prefix = PREFIXES[i % PREFIXES.length];
        String name = names.get((i / PREFIXES.length) % names.size()) + "-" + (i / 5_000);
        String version = (i % 17) + "." + (i % 101) + "." + (i % 7);
        return switch (prefix) {
            case "go:" -> "go:github.com/" + name + "/" + name + ":v" + version + "\n";
            case "composer:" -> "composer:" + name + "/" + name + ":" + version + "\n";
            case "maven:" -> "maven:org." + name + ":" + name + ":" + version + "\n";
            case "" -> (i % 2 == 0 ? name + ":" : "@" + name + "/core@") + version + "\n";
            default -> prefix + name + ":" + version + "\n";
        };
    }

    /** The real package names gen-world uses, without scopes, so every TXT form can carry them. */
    private static List<String> popularNpmNames() throws IOException {
        try (var in = FeedLoadBench.class.getClassLoader().getResourceAsStream("gen/npm-popular.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(n -> !n.isEmpty() && !n.startsWith("#") && !n.contains("/")
                            && !n.startsWith("@"))
                    .toList();
        }
    }

    private static long fileCount(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
