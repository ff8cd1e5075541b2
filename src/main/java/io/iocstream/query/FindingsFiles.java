package io.iocstream.query;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The findings files a query reads, from the files and directories it is given: a file named on the command line
 * is read whatever its name (a replay's {@code --out}); a directory is searched at any depth for {@code *.jsonl}
 * files, as the job's day folders ({@code day=YYYY-MM-DD/findings-*.jsonl}) or a folder of replay outputs hold
 * them. Left out of a directory: hidden files and folders (the file sink's {@code .inprogress} files, which are
 * not complete yet), dead letters (the {@code dead-letters/} folder and a replay's {@code *.dead-letters.jsonl}) and
 * scan records (the {@code scans/} folder and a replay's {@code *.scans.jsonl}), which are not findings.
 * Empty files are left out everywhere: they hold nothing and a JSON reader makes a column of their emptiness.
 */
public final class FindingsFiles {

    static final String DEAD_LETTER_FOLDER = "dead-letters";
    static final String DEAD_LETTER_SUFFIX = ".dead-letters.jsonl";
    static final String SCAN_FOLDER = "scans";
    static final String SCAN_SUFFIX = ".scans.jsonl";

    private FindingsFiles() {}

    /** The findings files under {@code paths}, each once, in path order; every path must exist. */
    public static List<Path> resolve(List<Path> paths) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                files.addAll(underDirectory(absolute));
            } else if (Files.size(absolute) > 0) {
                files.add(absolute);
            }
        }
        return List.copyOf(files);
    }

    private static List<Path> underDirectory(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
                boolean skip = !folder.equals(dir) && (name.startsWith(".") || name.equals(DEAD_LETTER_FOLDER)
                        || name.equals(SCAN_FOLDER));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && attributes.size() > 0 && name.endsWith(".jsonl")
                        && !name.startsWith(".") && !name.endsWith(DEAD_LETTER_SUFFIX)
                        && !name.endsWith(SCAN_SUFFIX)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // an unreadable file or folder is an error, never a silently smaller answer
                throw e;
            }
        });
        return found;
    }
}
