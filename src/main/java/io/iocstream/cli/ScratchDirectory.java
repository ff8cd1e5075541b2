package io.iocstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.flink.util.FileUtils;

/**
 * A run's own temporary directory under {@code java.io.tmpdir}, deleted when the run ends and, through a shutdown
 * hook, when the JVM is stopped first (SIGINT, SIGTERM): a run, finished or interrupted, leaves nothing behind.
 */
final class ScratchDirectory implements AutoCloseable {

    private final Path path;
    private final Deque<AutoCloseable> writers = new ArrayDeque<>();
    private final Thread hook = new Thread(this::stopWritersAndDelete, "iocstream-scratch-cleanup");

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    static ScratchDirectory create(String prefix) throws IOException {
        ScratchDirectory scratch = new ScratchDirectory(Files.createTempDirectory(prefix));
        Runtime.getRuntime().addShutdownHook(scratch.hook);
        return scratch;
    }

    Path path() {
        return path;
    }

    /** On shutdown, {@code writer} is closed before the directory is deleted, so that it stops writing there. */
    synchronized void closeOnShutdown(AutoCloseable writer) {
        writers.push(writer);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it deletes the directory
        }
        FileUtils.deleteDirectoryQuietly(path.toFile());
    }

    private synchronized void stopWritersAndDelete() {
        for (AutoCloseable writer : writers) {
            try {
                writer.close();
            } catch (Exception e) {
                // shutting down anyway: delete what is there
            }
        }
        FileUtils.deleteDirectoryQuietly(path.toFile());
    }
}
