package io.iocstream.cli;

import io.iocstream.core.DeadLetter;
import io.iocstream.ingest.InputTopicWriter;
import io.iocstream.job.ConfigException;
import io.iocstream.job.JobConfig;
import io.iocstream.job.JobConfigReader;
import io.iocstream.redrive.DeadLetterReader;
import io.iocstream.redrive.RedrivePlan;
import io.iocstream.redrive.Rescan;
import io.iocstream.redrive.Selection;
import io.iocstream.redrive.WorldCopy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code redrive}: brings dead letters back once their cause is fixed. It reads them from files ({@code replay}'s
 * {@code FILE.dead-letters.jsonl}) or the job's dead-letter topic, takes those the options select, and sends each
 * ref a re-tryable one names (a fetch that failed on GitHub 5xx, 429, a timeout) as one rescan request to the job's
 * input topic, or writes them into a copy of a world to replay. The others are listed with why, never re-sent.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Re-inject the re-tryable dead letters (fetch failures) as rescans of their refs.")
final class RedriveCommand implements Callable<Integer> {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    /** Dead letters listed one a line; past this many the report gives the count only. */
    private static final int LISTED = 20;

    @Option(names = "--config", description = "The job's YAML file: read sinks.kafka.dead_letters_topic (unless "
            + "--dead-letters), send to sources.kafka.topic (unless --world).")
    Path config;

    @Option(names = "--dead-letters", description = "A dead-letter file (JSON Lines), e.g. replay's "
            + "FILE.dead-letters.jsonl; repeatable.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--world", description = "The world the dead letters' replay ran on; with --out-world.")
    Path world;

    @Option(names = "--out-world", description = "Where to write the world copy holding the rescans.")
    Path outWorld;

    @Option(names = "--stage", description = "Only dead letters of this stage (ingest, changes, fetch, parse, feed, "
            + "match); repeatable.")
    List<String> stages = new ArrayList<>();

    @Option(names = "--reason", description = "Only dead letters whose reason contains this text (any case).")
    String reason;

    @Option(names = "--dry-run", description = "Report what would be sent, send nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if ((world == null) != (outWorld == null)) {
            throw new UsageException("--world and --out-world go together");
        }
        if (files.isEmpty() && config == null) {
            throw new UsageException("dead letters to read are required: --dead-letters FILE or --config FILE");
        }
        if (world == null && config == null) {
            throw new UsageException("where to send the rescans is required: --config FILE (the job's input topic) "
                    + "or --world DIR --out-world DIR");
        }
        if (world != null && !Files.isDirectory(world.resolve("repos"))) {
            throw new UsageException("--world: not a world directory (no repos/): " + world);
        }
        if (reason != null && reason.isBlank()) {
            throw new UsageException("--reason must not be blank");
        }
        JobConfig job = config == null ? null : readConfig();
        PrintStream out = System.out;

        List<String> unreadable = new ArrayList<>();
        List<DeadLetter> deadLetters = read(job, unreadable);
        RedrivePlan plan = RedrivePlan.of(deadLetters, new Selection(Set.copyOf(stages), reason));
        out.printf("redrive: %d dead letters read, %d selected, %d left out by --stage/--reason%n",
                deadLetters.size(), plan.selected(), plan.skipped());
        unreadable.forEach(line -> out.println("redrive: not read: " + line));
        report(out, plan);

        List<Rescan> rescans = plan.rescans();
        if (world != null) {
            if (dryRun) {
                out.printf("redrive: dry run, %d rescans not written%n", rescans.size());
                return 0;
            }
            WorldCopy.Written written;
            try {
                written = WorldCopy.write(world, rescans, outWorld);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            written.deletedRefs().forEach(r -> out.println("redrive: not rescanned, the world's events delete it: "
                    + r.repo() + " " + r.ref()));
            out.printf("redrive: %d rescans written to %s; replay it: bin/iocstream replay --world %s --out FILE%n",
                    written.rescans().size(), outWorld.resolve("events.ndjson"), outWorld);
            return 0;
        }
        JobConfig.KafkaEvents input = job.sources().kafka();
        if (input == null) {
            throw new UsageException("config error: sources.kafka: required to send the rescans to the job's input "
                    + "topic (or use --world DIR --out-world DIR)");
        }
        if (dryRun) {
            out.printf("redrive: dry run, %d rescans not sent to %s%n", rescans.size(), input.topic());
            return 0;
        }
        try (InputTopicWriter writer = new InputTopicWriter(input.bootstrapServers(), input.topic())) {
            for (Rescan rescan : rescans) {
                writer.send(rescan.repo(), rescan.line());
            }
        }
        out.printf("redrive: %d rescans sent to %s%n", rescans.size(), input.topic());
        return 0;
    }

    private JobConfig readConfig() throws UsageException {
        try {
            return JobConfigReader.read(config, System::getenv);
        } catch (ConfigException e) {
            throw new UsageException("config error: " + e.getMessage());
        }
    }

    private List<DeadLetter> read(JobConfig job, List<String> unreadable) throws UsageException, IOException {
        if (!files.isEmpty()) {
            List<DeadLetter> deadLetters = new ArrayList<>();
            for (Path file : files) {
                try {
                    deadLetters.addAll(DeadLetterReader.file(file, unreadable::add));
                } catch (NoSuchFileException e) {
                    throw new UsageException("--dead-letters: no such file: " + file);
                }
            }
            return deadLetters;
        }
        JobConfig.KafkaSinks sinks = job.sinks().kafka();
        if (sinks == null) {
            throw new UsageException("config error: sinks.kafka: required to read the dead-letter topic "
                    + "(or give --dead-letters FILE)");
        }
        try {
            return DeadLetterReader.topic(sinks.bootstrapServers(), sinks.deadLettersTopic(), TOPIC_TIMEOUT,
                    unreadable::add);
        } catch (IllegalArgumentException e) {
            throw new UsageException("config error: sinks.kafka.dead_letters_topic: " + e.getMessage());
        }
    }

    private static void report(PrintStream out, RedrivePlan plan) {
        for (Rescan rescan : plan.rescans()) {
            out.printf("  rescan       %s %s%s%n", rescan.repo(), rescan.ref(),
                    rescan.commit() == null ? " (its head)" : " at " + rescan.commit());
        }
        int shown = 0;
        for (RedrivePlan.NotRetried left : plan.notRetried()) {
            if (shown++ == LISTED) {
                out.printf("  ... and %d more not re-tryable%n", plan.notRetried().size() - LISTED);
                break;
            }
            DeadLetter d = left.deadLetter();
            out.printf("  not re-sent  %s %s: %s (%s)%n", d.stage(), d.origin(), d.reason(), left.why());
        }
        out.printf("redrive: %d refs to rescan, %d dead letters not re-tryable%n", plan.rescans().size(),
                plan.notRetried().size());
    }
}
