package io.iocstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How many IOC entries a run's feed directories gave. With none, nothing can match and every push looks clean, so
 * a run must never stay quiet about it: {@code replay} and {@code demo} warn (stderr and the summary's
 * {@code warnings}); a long-running job should refuse to start ({@link #requireEntries}) unless told otherwise.
 */
record FeedCoverage(long entries, List<String> directories) {

    /** {@code dirs} as the feed directories the entries were read from, described for the warning. */
    static FeedCoverage of(long entries, List<Path> dirs) throws IOException {
        List<String> described = new ArrayList<>();
        for (Path dir : dirs) {
            described.add(dir.getFileName() + "/: " + describe(dir));
        }
        return new FeedCoverage(entries, List.copyOf(described));
    }

    boolean empty() {
        return entries == 0;
    }

    /** The one-line warning of a run without entries. */
    String warning() {
        return "no IOC entries loaded (" + String.join("; ", directories)
                + "): nothing can match, so every push looks clean";
    }

    /** For a job that must not run blind: fails unless there are entries or {@code override} was given. */
    void requireEntries(boolean override, String overrideOption) throws UsageException {
        if (empty() && !override) {
            throw new UsageException(warning() + "; refusing to start (" + overrideOption + " runs anyway)");
        }
    }

    private static String describe(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "missing";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long count = files.filter(Files::isRegularFile).count();
            return count == 0 ? "empty" : count + (count == 1 ? " file" : " files") + ", no entry that can match";
        }
    }
}
