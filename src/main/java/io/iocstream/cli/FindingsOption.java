package io.iocstream.cli;

import io.iocstream.core.DeadLetter;
import io.iocstream.query.FindingsDatabase;
import io.iocstream.query.FindingsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.jar.JarFile;
import picocli.CommandLine.Option;

/**
 * The {@code --findings} option of {@code query} and {@code export}, and the DuckDB database it opens over the files
 * it names ({@link FindingsFiles}). DuckDB is not in the shaded jar (80 MB): iocstream.jar's manifest names it in
 * {@code lib/} beside the jar, where {@code mvn package} copies it.
 */
final class FindingsOption {

    @Option(names = "--findings", required = true, arity = "1..*", paramLabel = "DIR|FILE",
            description = "Findings JSON Lines: a replay's --out file, or a directory searched for *.jsonl files "
                    + "(the job's day folders; hidden in-progress files and dead letters left out). Repeatable.")
    List<Path> paths;

    /** Checks the paths and DuckDB, then opens the views over the files. */
    FindingsDatabase open() throws UsageException, IOException {
        for (Path path : paths) {
            if (!Files.exists(path)) {
                // picocli hands --findings every argument up to the next option, the SQL too when it comes last
                String hint = path.toString().contains(" ") ? " (put the SQL before --findings)" : "";
                throw new UsageException("--findings: no such file or directory: " + path + hint);
            }
            if (!Files.isReadable(path)) {
                throw new UsageException("--findings: cannot be read: " + path);
            }
        }
        if (!FindingsDatabase.driverAvailable()) {
            throw new IOException(missingDuckDb());
        }
        List<Path> files = FindingsFiles.resolve(paths);
        try {
            return FindingsDatabase.open(files);
        } catch (SQLException e) {
            // DuckDB's message names the file and line; its next lines repeat the whole read_json call
            throw new IOException("cannot read the findings: " + DeadLetter.firstLine(e));
        }
    }

    /** What to do when DuckDB is not on the classpath, naming the file iocstream.jar's manifest expects. */
    static String missingDuckDb() {
        String expected = "lib/duckdb_jdbc-VERSION.jar";
        Path jar = null;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
                    if (classPath != null && !classPath.isBlank()) {
                        expected = classPath.strip();
                    }
                }
            }
        } catch (Exception e) {
            // only the message is at stake: it names the file in general terms
        }
        String where = jar == null || jar.getParent() == null ? expected : jar.getParent().resolve(expected).toString();
        return "DuckDB, which query and export need, is missing: expected " + where
                + " (mvn -B package copies it beside target/iocstream.jar)";
    }
}
