package io.iocstream.match;

import io.iocstream.bench.BenchIocs;
import io.iocstream.bench.BenchPackages;
import io.iocstream.changes.Trigger;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * Retro-hunt time of the real {@link InventoryMatcher}: many branch inventories in keyed state (heap and RocksDB),
 * then new IOC entries broadcast one at a time, each hunted through every inventory by {@code applyToKeyedState}.
 * The baseline, measured in the same run, iterates the same keyed state without matching.
 *
 * <p>Usage: {@code RetroHuntBench [--branches N] [--backend heap|rocksdb|both]}.
 */
public final class RetroHuntBench {

    /** npm names drawn for inventories, popular ones far more often, as real dependency trees do. */
    private static final int NAME_POOL = 5_000;
    /** The new IOC entries: real package names at a version no inventory holds otherwise. */
    private static final List<String> NEW_IOC_NAMES = List.of("@ctrl/tinycolor", "debug", "chalk");
    private static final String BAD_VERSION = "9.9.9";

    private RetroHuntBench() {}

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        int branches = argList.contains("--branches")
                ? Integer.parseInt(argList.get(argList.indexOf("--branches") + 1)) : 100_000;
        String backend = argList.contains("--backend") ? argList.get(argList.indexOf("--backend") + 1) : "both";
        System.out.println("| state backend | inventories | dependencies | load | baseline: iterate state "
                + "| retro hunt (median of 3) | ratio | findings / planted |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        if (!backend.equals("rocksdb")) {
            run("heap", branches);
        }
        if (!backend.equals("heap")) {
            run("rocksdb", branches);
        }
    }

    private static void run(String backend, int branches) throws Exception {
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new InventoryMatcher(),
                        List.of(InventoryMatcher.IOC_INDEX, InventoryMatcher.FEED_STATUS)),
                InventoryUpdate::branchKey, null, Types.STRING)) {
            if (backend.equals("rocksdb")) {
                harness.setStateBackend(productionRocksDb());
            }
            harness.open();
            for (IocEntry entry : BenchIocs.shaiHuludExcerpt()) {
                harness.processElement2(FeedUpdate.entry(entry), 0);
            }
            for (int k = 0; k < 12_500; k++) {
                harness.processElement2(FeedUpdate.entry(BenchIocs.nearMiss("npm", BenchPackages.name("npm", 2 * k),
                        k)), 0);
            }
            harness.processElement2(FeedUpdate.initialLoadDone(), 0);

            long loadStart = System.nanoTime();
            long dependencies = 0;
            Random random = new Random(42);
            Dependency[] pool = new Dependency[NAME_POOL];
            for (int k = 0; k < NAME_POOL; k++) {
                pool[k] = new Dependency("npm", BenchPackages.name("npm", k), BenchPackages.version("npm", k));
            }
            for (int b = 0; b < branches; b++) {
                for (InventoryUpdate update : inventory(b, pool, random)) {
                    harness.processElement1(update, 0);
                    dependencies += update.facts().dependencies().size();
                }
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            harness.getOutput().clear();

            long[] baseline = new long[NEW_IOC_NAMES.size()];
            long[] hunt = new long[NEW_IOC_NAMES.size()];
            List<String> counts = new ArrayList<>();
            for (int round = 0; round < NEW_IOC_NAMES.size(); round++) {
                baseline[round] = iterateWithoutMatching(harness);
                IocEntry entry = IocEntry.ofVersions("BENCH-NEW-" + round, "npm", NEW_IOC_NAMES.get(round),
                        Set.of(BAD_VERSION), "critical", "bench");
                long start = System.nanoTime();
                harness.processElement2(FeedUpdate.entry(entry), 0);
                hunt[round] = System.nanoTime() - start;
                counts.add(countFindings(harness, entry, branches) + " / " + planted(branches, round));
            }
            Arrays.sort(baseline);
            Arrays.sort(hunt);
            long baselineMedian = baseline[1];
            long huntMedian = hunt[1];
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f s | %.2f s | %.2f s | %.2f | %s |%n", backend,
                    branches, dependencies, loadSeconds, baselineMedian / 1e9, huntMedian / 1e9,
                    (double) huntMedian / baselineMedian, String.join(", ", counts));
        }
    }

    /**
     * RocksDB with the memory a production slot gives it (flink-conf/config.yaml: managed fraction 0.2 of a 2 GB
     * task manager, about 317 MB, over 2 slots). The harness's mock environment has only 3 MB of managed
     * memory, which made RocksDB flush tiny files and every seek slow, far from what the job would see.
     */
    private static EmbeddedRocksDBStateBackend productionRocksDb() {
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        rocksDb.getMemoryConfiguration().setFixedMemoryPerSlot(MemorySize.parse("158mb"));
        return rocksDb;
    }

    /**
     * One branch's inventory: a package-lock.json of 20 to 380 npm packages and, on every fourth branch, a
     * requirements.txt; branches {@code b % 100 == 10 + round} hold the bad version of round's new IOC, and
     * {@code 20 + round} (an adjacent version) and {@code 30 + round} (the same name in PyPI) near misses.
     */
    private static List<InventoryUpdate> inventory(int b, Dependency[] pool, Random random) {
        String repo = "acme-" + (b % 500) + "/service-" + b;
        String ref = b % 10 == 0 ? "refs/heads/dev" : "refs/heads/main";
        List<Dependency> npm = new ArrayList<>();
        int size = 20 + random.nextInt(361);
        for (int i = 0; i < size; i++) {
            double r = random.nextDouble();
            npm.add(pool[(int) (r * r * pool.length)]);
        }
        List<Dependency> pypi = new ArrayList<>();
        if (b % 4 == 0) {
            for (int i = 0; i < 30; i++) {
                pypi.add(new Dependency("PyPI", BenchPackages.name("PyPI", i), BenchPackages.version("PyPI", i)));
            }
        }
        int slot = b % 100;
        for (int round = 0; round < NEW_IOC_NAMES.size(); round++) {
            String name = NEW_IOC_NAMES.get(round);
            if (slot == 10 + round) {
                npm.add(new Dependency("npm", name, BAD_VERSION));
            } else if (slot == 20 + round) {
                npm.add(new Dependency("npm", name, "9.9.8"));
            } else if (slot == 30 + round) {
                pypi.add(new Dependency("PyPI", name, BAD_VERSION));
            }
        }
        String commit = String.format("%040x", b);
        List<InventoryUpdate> updates = new ArrayList<>();
        int files = pypi.isEmpty() ? 1 : 2;
        updates.add(new InventoryUpdate(repo, ref, commit, "package-lock.json", Trigger.BASELINE, 1, files,
                FileOp.CONTENT, facts(npm, 2L * b), List.of()));
        if (!pypi.isEmpty()) {
            updates.add(new InventoryUpdate(repo, ref, commit, "requirements.txt", Trigger.BASELINE, 1, files,
                    FileOp.CONTENT, facts(pypi, 2L * b + 1), List.of()));
        }
        return updates;
    }

    /** A read file's facts: its dependencies and its SHA-256 (no hosts or workflow values in lockfiles here). */
    private static FileFacts facts(List<Dependency> dependencies, long file) {
        return new FileFacts(dependencies, String.format("%064x", file), List.of(), List.of());
    }

    /** Reads every dependency of every path of every inventory, as the retro hunt does, and matches nothing. */
    private static long iterateWithoutMatching(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness)
            throws Exception {
        long[] seen = new long[1];
        long start = System.nanoTime();
        harness.getOperator().<String>getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, InventoryMatcher.PATHS,
                (String key, MapState<String, PathState> paths) -> {
                    for (var entry : paths.entries()) {
                        for (Dependency dep : entry.getValue().facts().dependencies()) {
                            seen[0] += dep.name().length();
                        }
                    }
                });
        long nanos = System.nanoTime() - start;
        if (seen[0] == 0) {
            throw new IllegalStateException("no inventories in state");
        }
        return nanos;
    }

    /** The retro-hunt findings of one broadcast; they must be exactly the planted hits. */
    private static int countFindings(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness,
            IocEntry entry, int branches) {
        List<Finding> out = harness.extractOutputValues();
        harness.getOutput().clear();
        for (Finding finding : out) {
            if (!finding.trigger().equals("retro_hunt") || !finding.packageName().equals(entry.name())
                    || !finding.version().equals(BAD_VERSION) || !finding.ecosystem().equals("npm")) {
                throw new IllegalStateException("unexpected finding " + finding);
            }
        }
        int planted = planted(branches, Integer.parseInt(entry.id().substring("BENCH-NEW-".length())));
        if (out.size() != planted) {
            throw new IllegalStateException(out.size() + " retro-hunt findings for " + planted + " planted");
        }
        return out.size();
    }

    private static int planted(int branches, int round) {
        int slot = 10 + round;
        return branches / 100 + (branches % 100 > slot ? 1 : 0);
    }
}
