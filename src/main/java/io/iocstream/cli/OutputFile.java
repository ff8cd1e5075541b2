package io.iocstream.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * An output file of a run, written to a temporary file beside it and moved over it only when the run ends: an
 * interrupted or failed run leaves the previous results as they were.
 */
final class OutputFile implements AutoCloseable {

    private final Path target;
    private final Path partial;
    private final BufferedWriter writer;
    private boolean committed;

    private OutputFile(Path target, Path partial) throws IOException {
        this.target = target;
        this.partial = partial;
        this.writer = Files.newBufferedWriter(partial);
    }

    static OutputFile create(Path target) throws IOException {
        Path partial = Files.createFile(
                target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial"));
        // a JVM stopped by a signal never reaches close()
        partial.toFile().deleteOnExit();
        return new OutputFile(target, partial);
    }

    BufferedWriter writer() {
        return writer;
    }

    /** Replaces the target with what was written, in one rename. */
    void commit() throws IOException {
        writer.close();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            writer.close();
            Files.deleteIfExists(partial);
        }
    }

    /**
     * The real path {@code option}'s file will be written to, checked before anything starts: its directory exists
     * and takes a new file, it is no directory, and it lies outside {@code world} (when given; symbolic links
     * resolved), whose input it would otherwise overwrite.
     */
    static Path checked(String option, Path file, World world) throws UsageException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || absolute.getFileName() == null) {
            throw new UsageException(option + " is not a file name: " + file);
        }
        Path target;
        try {
            target = parent.toRealPath().resolve(absolute.getFileName().toString());
            if (Files.isSymbolicLink(target)) {
                target = target.toRealPath();
            }
        } catch (NoSuchFileException e) {
            throw new UsageException(option + " directory does not exist: " + e.getFile());
        } catch (IOException e) {
            throw new UsageException(option + " cannot be resolved: " + file + " (" + reason(e) + ")");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new UsageException(option + " directory is not a directory: " + target.getParent());
        }
        if (Files.isDirectory(target)) {
            throw new UsageException(option + " is a directory: " + file);
        }
        if (world != null && target.startsWith(realPath(world.root()))) {
            throw new UsageException(option + " must not be inside the world directory " + world.root()
                    + ", whose input it would overwrite: " + file);
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new UsageException(option + " is not writable: " + file);
        }
        requireWritableDirectory(option, target.getParent());
        return target;
    }

    /** Creates and deletes a file in {@code dir}: the one check of writability that holds for root too. */
    static void requireWritableDirectory(String option, Path dir) throws UsageException {
        try {
            Files.delete(Files.createTempFile(dir, ".iocstream-", ".probe"));
        } catch (IOException e) {
            throw new UsageException(option + " cannot be written in " + dir + " (" + reason(e) + ")");
        }
    }

    private static Path realPath(Path path) throws UsageException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UsageException("cannot resolve " + path + " (" + reason(e) + ")");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof NoSuchFileException ? "no such file or directory" : String.valueOf(e.getMessage());
    }
}
