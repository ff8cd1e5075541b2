package io.iocstream.match;

import io.iocstream.bench.BenchPackages;
import io.iocstream.changes.BranchLifetimes;
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
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * Keyed state of the real {@link InventoryMatcher} on RocksDB (production memory) while many branches are created
 * and deleted: a baseline of the state with the IOC index loaded and no branch, then after N branches are created
 * (one package-lock.json each, every tenth with a bad version), after each is deleted (its findings resolved as
 * {@code ref_deleted}), and once {@link BranchLifetimes#ENDED_REF_MEMORY} has passed. State is measured as keyed
 * entries and as the bytes of a canonical savepoint (the live state); ratios are against the baseline of the same
 * run.
 *
 * <p>Usage: {@code BranchLifetimeBench [--branches N] [--whole-index-filters]}. RocksDB is set as
 * {@code flink-conf/config.yaml} sets it ({@code state.backend.rocksdb.memory.partitioned-index-filters: true});
 * {@code --whole-index-filters} measures Flink's default instead.
 */
public final class BranchLifetimeBench {

    private static final int NAME_POOL = 5_000;
    private static final IocEntry BAD = IocEntry.ofVersions("BENCH-BAD", "npm", "chalk", Set.of("5.6.1"), "critical",
            "bench");

    private BranchLifetimeBench() {}

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        int branches = argList.contains("--branches")
                ? Integer.parseInt(argList.get(argList.indexOf("--branches") + 1)) : 100_000;
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new InventoryMatcher(),
                        List.of(InventoryMatcher.IOC_INDEX, InventoryMatcher.FEED_STATUS)),
                InventoryUpdate::branchKey, null, Types.STRING)) {
            // the memory a production slot gives RocksDB, as RetroHuntBench
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
            Configuration options = new Configuration();
            options.set(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, !argList.contains("--whole-index-filters"));
            rocksDb = rocksDb.configure(options, BranchLifetimeBench.class.getClassLoader());
            rocksDb.getMemoryConfiguration().setFixedMemoryPerSlot(MemorySize.parse("158mb"));
            harness.setStateBackend(rocksDb);
            // snapshots measured in memory, whatever their size
            harness.setCheckpointStorage(new JobManagerCheckpointStorage(Integer.MAX_VALUE));
            harness.open();
            harness.processElement2(FeedUpdate.entry(BAD), 0);
            harness.processElement2(FeedUpdate.initialLoadDone(), 0);
            long checkpoint = 1;
            System.out.println("| after | branches in state | keyed state entries | timers | snapshot bytes "
                    + "| snapshot / baseline | time |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            long baseline = row(harness, "baseline: IOC index, no branch", 0, checkpoint++, 0, 0);

            Random random = new Random(42);
            Dependency[] pool = new Dependency[NAME_POOL];
            for (int k = 0; k < NAME_POOL; k++) {
                pool[k] = new Dependency("npm", BenchPackages.name("npm", k), BenchPackages.version("npm", k));
            }
            long dependencies = 0;
            long start = System.nanoTime();
            for (int b = 0; b < branches; b++) {
                InventoryUpdate created = created(b, pool, random);
                dependencies += created.facts().dependencies().size();
                harness.processElement1(created, 0);
            }
            long created = row(harness, String.format(Locale.ROOT, "%,d branches created (%,d dependencies)",
                    branches, dependencies), branches, checkpoint++, baseline, System.nanoTime() - start);
            int opened = count(harness, "open", null);

            start = System.nanoTime();
            long[] tenths = new long[10];
            long tenthStart = start;
            for (int b = 0; b < branches; b++) {
                harness.processElement1(new InventoryUpdate(repo(b), ref(b), commit(b), "", Trigger.PUSH, 2, 1,
                        FileOp.REF_DELETED, null, List.of()), 0);
                if ((b + 1) % Math.max(1, branches / 10) == 0 && (b + 1) / Math.max(1, branches / 10) <= 10) {
                    long now = System.nanoTime();
                    tenths[(b + 1) / Math.max(1, branches / 10) - 1] = now - tenthStart;
                    tenthStart = now;
                }
            }
            long deleting = System.nanoTime() - start;
            row(harness, "each deleted", 0, checkpoint++, baseline, deleting);
            int resolved = count(harness, "resolved", "ref_deleted");
            if (opened != branches / 10 || resolved != opened) {
                throw new IllegalStateException(opened + " opened, " + resolved + " resolved as ref_deleted, for "
                        + branches / 10 + " planted");
            }

            start = System.nanoTime();
            harness.setProcessingTime(BranchLifetimes.ENDED_REF_MEMORY.toMillis());
            long after = row(harness, "a day later (clear timers fired)", 0, checkpoint, baseline,
                    System.nanoTime() - start);
            System.out.printf(Locale.ROOT, "%nstate per branch inventory on RocksDB: %,.0f bytes (%,.1f a dependency);"
                    + " %,d findings opened and resolved as ref_deleted; state at the end %+,d bytes from the "
                    + "baseline%n", (double) (created - baseline) / branches, (double) (created - baseline)
                    / dependencies, opened, after - baseline);
            // linear time is the same time for each tenth of the deletions, the first ones (of the refs created
            // first) and the last (which follow the tombstones of all the others)
            StringBuilder perTenth = new StringBuilder();
            for (long tenth : tenths) {
                perTenth.append(perTenth.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", tenth / 1e9));
            }
            System.out.printf(Locale.ROOT, "deletions, each tenth (%,d refs): %s s%n", branches / 10, perTenth);
        }
    }

    /** Prints one row and returns the snapshot's bytes. */
    private static long row(KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness,
            String after, int live, long checkpoint, long baseline, long nanos) throws Exception {
        // a canonical savepoint holds the live state only, whatever RocksDB has not compacted away yet
        OperatorSubtaskState snapshot = harness.snapshotWithLocalState(checkpoint, checkpoint,
                SavepointType.savepoint(SavepointFormatType.CANONICAL)).getJobManagerOwnedState();
        long bytes = snapshot.getStateSize();
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %s | %.1f s |%n", after, live,
                keyedEntries(harness), harness.numProcessingTimeTimers() + harness.numEventTimeTimers(),
                bytes, baseline == 0 ? "1.00" : String.format(Locale.ROOT, "%.2f", (double) bytes / baseline),
                nanos / 1e9);
        return bytes;
    }

    /** The matcher's keyed states (InventoryMatcher's descriptors), one entry a branch that has each. */
    static final List<String> KEYED_STATES = List.of("inventory", "pending-until-feeds-loaded",
            "scans-arrived", "next-scan", "applied-of-next-scan", "stalled-at-scan", "ended-clear-at", "scan-tallies",
            "inventory-paths", "ref-layout", "scans-held");

    /** Keyed entries, counted per state and key (the harness counts them only on the heap backend). */
    private static long keyedEntries(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness) {
        var backend = harness.getOperator().<String>getKeyedStateBackend();
        long entries = 0;
        for (String state : KEYED_STATES) {
            try (var keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
                entries += keys.count();
            }
        }
        return entries;
    }

    private static int count(KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding>
            harness, String status, String resolution) {
        List<Finding> out = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        return (int) out.stream().filter(f -> f.status().equals(status)
                && Objects.equals(f.resolution(), resolution)).count();
    }

    /** A branch's baseline: one package-lock.json of 20 to 120 npm packages, every tenth with the bad version. */
    private static InventoryUpdate created(int b, Dependency[] pool, Random random) {
        List<Dependency> npm = new ArrayList<>();
        int size = 20 + random.nextInt(101);
        for (int i = 0; i < size; i++) {
            double r = random.nextDouble();
            npm.add(pool[(int) (r * r * pool.length)]);
        }
        if (b % 10 == 0) {
            npm.add(new Dependency("npm", "chalk", "5.6.1"));
        }
        return new InventoryUpdate(repo(b), ref(b), commit(b), "package-lock.json", Trigger.BASELINE, 1, 1,
                FileOp.CONTENT, new FileFacts(npm, String.format("%064x", b), List.of(), List.of()), List.of());
    }

    private static String repo(int b) {
        return "acme-" + (b % 500) + "/service-" + (b % 5_000);
    }

    private static String ref(int b) {
        return "refs/heads/feature/bench-" + b;
    }

    private static String commit(int b) {
        return String.format("%040x", b);
    }
}
