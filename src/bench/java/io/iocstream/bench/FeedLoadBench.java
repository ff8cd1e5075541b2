package io.iocstream.bench;

import io.iocstream.feeds.EcosystemNames;
import io.iocstream.feeds.FeedDirectory;
import io.iocstream.feeds.IocEntry;
import io.iocstream.match.IocIndex;
import io.iocstream.match.IocIndexSerializer;
import io.iocstream.parse.Dependency;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * the index keeps, and what broadcast state costs with {@link IocIndexSerializer} against Kryo (the baseline, the
 * serializer Flink picks for the class by itself): the snapshot's size, its write and restore, and the
 * {@code copy()} that the heap backend makes in the synchronous part of every checkpoint.
 *
 * <p>Run: {@code mvn -q -Pbench test-compile exec:exec@feed-load -Dbench.args="--entries 1000000"}.
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
        List<Dependency> sample = sample(feed.packages());
        feed = null;
        long indexHeap = usedHeapAfterGc() - heapBefore;

        // the baseline: the serializer Flink picks for the class by itself, Kryo, which broadcast state used before
        Timed kryo = time("Kryo (baseline)",
                TypeInformation.of(IocIndex.class).createSerializer(new SerializerConfigImpl()), index, sample);
        Timed compact = time("IocIndexSerializer", IocIndexSerializer.INSTANCE, index, sample);
        int size = index.size();
        byte[] snapshot = InstantiationUtil.serializeToByteArray(IocIndexSerializer.INSTANCE, index);
        index = null;
        long beforeRestore = usedHeapAfterGc();
        IocIndex restored = InstantiationUtil.deserializeFromByteArray(IocIndexSerializer.INSTANCE, snapshot);
        long restoredHeap = usedHeapAfterGc() - beforeRestore;
        if (restored.size() != size) {
            throw new IllegalStateException("restored " + restored.size() + " of " + size);
        }
        System.out.printf(Locale.ROOT, "round %d: plain read of %,d lines %.2f s; read + index %,d entries %.2f s "
                        + "(%.1fx the plain read); index heap %.0f MB, restored from IocIndexSerializer %.0f MB%n",
                round, lines, plain / 1e9, size, load / 1e9, (double) load / plain, indexHeap / 1e6,
                restoredHeap / 1e6);
        for (Timed t : List.of(kryo, compact)) {
            System.out.printf(Locale.ROOT, "  %-18s snapshot %5.1f MB, write %6.3f s, restore %6.3f s, "
                    + "copy() %6.3f s%n", t.serializer(), t.bytes() / 1e6, t.write() / 1e9, t.restore() / 1e9,
                    t.copy() / 1e9);
        }
        System.out.printf(Locale.ROOT, "  IocIndexSerializer against Kryo: snapshot %.1fx smaller, write + restore "
                        + "%.1fx faster, copy() %.1fx faster%n", (double) kryo.bytes() / compact.bytes(),
                (double) (kryo.write() + kryo.restore()) / (compact.write() + compact.restore()),
                (double) kryo.copy() / compact.copy());
    }

    /** Snapshot size and times (ns) of one serializer. */
    private record Timed(String serializer, long bytes, long write, long restore, long copy) {}

    /**
     * Writes the index with the serializer, restores it and copies it, as a checkpoint, a restore and the heap
     * backend's synchronous snapshot do; the restore and the copy must match the sample as the index does.
     */
    private static Timed time(String name, TypeSerializer<IocIndex> serializer, IocIndex index,
            List<Dependency> sample) throws IOException {
        long t0 = System.nanoTime();
        byte[] snapshot = InstantiationUtil.serializeToByteArray(serializer, index);
        long t1 = System.nanoTime();
        IocIndex restored = InstantiationUtil.deserializeFromByteArray(serializer, snapshot);
        long t2 = System.nanoTime();
        IocIndex copy = serializer.copy(index);
        long t3 = System.nanoTime();
        for (IocIndex other : List.of(restored, copy)) {
            if (other == index || other.size() != index.size()) {
                throw new IllegalStateException("a copy of " + other.size() + " entries of " + index.size());
            }
            for (Dependency dep : sample) {
                if (!other.matches(dep).equals(index.matches(dep))) {
                    throw new IllegalStateException("a copy matches " + dep + " differently");
                }
            }
        }
        return new Timed(name, snapshot.length, t1 - t0, t2 - t1, t3 - t2);
    }

    /** One dependency of every hundredth package entry, at its first listed version. */
    private static List<Dependency> sample(List<IocEntry> entries) {
        List<Dependency> sample = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += 100) {
            IocEntry entry = entries.get(i);
            String version = entry.versions().isEmpty() ? "1.0.0" : entry.versions().iterator().next();
            sample.add(new Dependency(EcosystemNames.canonical(entry.ecosystem()), entry.name(), version));
        }
        return sample;
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
