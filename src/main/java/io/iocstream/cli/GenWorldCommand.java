package io.iocstream.cli;

import io.iocstream.world.WorldGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gen-world}: writes a synthetic world directory of any size, with its expected findings. */
@Command(name = "gen-world", mixinStandardHelpOptions = true,
        description = "Write a synthetic but realistic world (real package names and lockfile formats, planted "
                + "IOCs, expected.jsonl) for scale tests and benchmarks.")
final class GenWorldCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Directory to write; must not exist or be empty.")
    Path out;

    @Option(names = "--repos", required = true, description = "Number of repositories.")
    int repos;

    @Option(names = "--pushes", required = true, description = "Number of push events (at least --repos).")
    int pushes;

    @Option(names = "--seed", required = true, description = "Random seed: the same seed writes the same world.")
    long seed;

    @Option(names = "--big-files", defaultValue = "0", description = "Repositories that also get a 20-80 MB lockfile.")
    int bigFiles;

    @Option(names = "--big-file-mb", defaultValue = "0",
            description = "Size of each large lockfile in MiB; 0 for 20 to 80 at random (default ${DEFAULT-VALUE}).")
    int bigFileMb;

    @Option(names = "--dormant", defaultValue = "0",
            description = "More repositories that are never pushed to, found only by listing the organisation.")
    int dormant;

    @Override
    public Integer call() throws Exception {
        checkSize(repos, pushes, bigFiles);
        checkOut(out);
        OptionChecks.between("--big-file-mb", bigFileMb, 0, 4096);
        if (dormant < 0) {
            throw new UsageException("--dormant must be at least 0, got " + dormant);
        }
        WorldGenerator.Summary summary = new WorldGenerator(
                new WorldGenerator.Settings(out, repos, pushes, seed, bigFiles, dormant, bigFileMb)).generate();
        System.out.printf("Wrote %s: %d repositories, %d pushes, %d commits, %d IOC entries, %d expected findings%n",
                out, summary.repos(), summary.pushes(), summary.commits(), summary.iocEntries(),
                summary.expectedFindings());
        return 0;
    }

    /** The world's size options; shared with {@code bench}, which generates a world when given none. */
    static void checkSize(int repos, int pushes, int bigFiles) throws UsageException {
        OptionChecks.atLeast("--repos", repos, 1);
        if (pushes < repos) {
            throw new UsageException("--pushes must be at least --repos (" + repos + "), got " + pushes);
        }
        OptionChecks.between("--big-files", bigFiles, 0, repos);
    }

    private static void checkOut(Path out) throws IOException, UsageException {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new UsageException("--out must be a new or empty directory, but is a file: " + out);
            }
            try (Stream<Path> files = Files.list(out)) {
                if (files.findAny().isPresent()) {
                    throw new UsageException("--out must be a new or empty directory: " + out);
                }
            }
            OutputFile.requireWritableDirectory("--out", out);
            return;
        }
        // the generator creates the missing directories: the nearest existing one must take them
        Path existing = out.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UsageException("--out cannot be created: " + out);
        }
        OutputFile.requireWritableDirectory("--out", existing);
    }
}
