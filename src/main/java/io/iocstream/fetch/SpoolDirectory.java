package io.iocstream.fetch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one fetch service spools large files: a directory of its own, {@code iocstream-spool-PID-N}, under the
 * task manager's first temporary directory (Flink's {@code io.tmp.dirs}, else {@code java.io.tmpdir}). The whole
 * directory goes when the service closes; directories whose process is gone (a task manager killed before it
 * could clean up) are removed when the next one is made, while those of live processes, other task managers on
 * the same machine included, are left alone.
 */
final class SpoolDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);
    static final String PREFIX = "iocstream-spool-";

    private final Path dir;

    private SpoolDirectory(Path dir) {
        this.dir = dir;
    }

    /** A new spool directory under {@code root}, stale ones of dead processes removed first. */
    static SpoolDirectory under(Path root) throws IOException {
        Files.createDirectories(root);
        removeStale(root);
        long pid = ProcessHandle.current().pid();
        return new SpoolDirectory(Files.createTempDirectory(root, PREFIX + pid + "-"));
    }

    /** The task manager's first temporary directory (Flink's {@code io.tmp.dirs}), else {@code java.io.tmpdir}. */
    static Path rootOf(org.apache.flink.runtime.taskmanager.TaskManagerRuntimeInfo taskManager) {
        String[] dirs = taskManager == null ? null : taskManager.getTmpDirectories();
        return dirs != null && dirs.length > 0 ? Path.of(dirs[0])
                : Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path path() {
        return dir;
    }

    /** A new, empty spool file. */
    Path newFile() throws IOException {
        return Files.createTempFile(dir, "file-", ".spool");
    }

    /** Removes the directory and every spool left in it. */
    @Override
    public void close() {
        deleteTree(dir);
    }

    /** Removes the spool directories under {@code root} whose process no longer runs. */
    static void removeStale(Path root) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path child : children) {
                Optional<Long> pid = pidOf(child.getFileName().toString());
                if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                LOG.info("removing the spool directory {} of a process that is gone", child);
                deleteTree(child);
            }
        } catch (IOException e) {
            LOG.warn("could not look for stale spool directories under {}: {}", root, e.toString());
        }
    }

    /** The process id in {@code iocstream-spool-PID-N}, if the name has one. */
    static Optional<Long> pidOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("could not remove spool {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove spool directory {}: {}", dir, e.toString());
        }
    }
}
