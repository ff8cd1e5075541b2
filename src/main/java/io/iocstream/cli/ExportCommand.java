package io.iocstream.cli;

import io.iocstream.query.FindingsDatabase;
import io.iocstream.query.SarifExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export}: findings as Parquet, open findings as SARIF 2.1.0 for GitHub code scanning. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write findings as Parquet, and open findings as SARIF 2.1.0 files for GitHub code scanning "
                + "(one a repository and ref, with uploads.jsonl listing what each upload names). See docs/query.md.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    FindingsOption findings;

    @Option(names = "--parquet", paramLabel = "FILE", description = "Parquet file to write (replaced when done).")
    Path parquet;

    @Option(names = "--view", defaultValue = "findings", paramLabel = "VIEW",
            description = "What --parquet writes: findings (every record) or current (each finding's latest "
                    + "record) (default: ${DEFAULT-VALUE}).")
    FindingsDatabase.View view;

    @Option(names = "--sarif", paramLabel = "DIR", description = "New or empty directory for the SARIF files.")
    Path sarif;

    @Option(names = "--web-base", defaultValue = "https://github.com", paramLabel = "URL",
            description = "GitHub's web address, for the SARIF files' repository URIs (default: ${DEFAULT-VALUE}).")
    String webBase;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (parquet == null && sarif == null) {
            throw new UsageException("export needs --parquet FILE or --sarif DIR (or both)");
        }
        Path parquetTarget = parquet == null ? null : OutputFile.checked("--parquet", parquet, null);
        if (sarif != null) {
            checkEmptyDirectory(sarif);
            checkWebBase(webBase);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (FindingsDatabase database = findings.open()) {
            if (parquetTarget != null) {
                writeParquet(database, parquetTarget);
                out.println("Wrote " + parquet + " (view " + view.sql() + ")");
            }
            if (sarif != null) {
                Files.createDirectories(sarif);
                List<SarifExport.Upload> uploads = SarifExport.write(database, sarif.toAbsolutePath(), webBase);
                out.printf("Wrote %d SARIF files (%d open findings) to %s; %s lists each upload's repository, "
                        + "ref and commit%n", uploads.size(), uploads.stream().mapToInt(SarifExport.Upload::results)
                        .sum(), sarif, sarif.resolve(SarifExport.UPLOADS));
            }
        }
        out.flush();
        return 0;
    }

    /** Written beside the target and renamed over it, so a failed export leaves the previous file as it was. */
    private void writeParquet(FindingsDatabase database, Path target) throws Exception {
        Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
        partial.toFile().deleteOnExit();
        try {
            database.writeParquet(view, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void checkEmptyDirectory(Path dir) throws UsageException, IOException {
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UsageException("--sarif directory's parent does not exist: " + dir);
            }
            OutputFile.requireWritableDirectory("--sarif", parent);
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--sarif must be a new or empty directory, but is a file: " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.findAny().isPresent()) {
                // files of an earlier export would be uploaded again as if current
                throw new UsageException("--sarif must be a new or empty directory: " + dir);
            }
        }
        OutputFile.requireWritableDirectory("--sarif", dir);
    }

    private static void checkWebBase(String base) throws UsageException {
        try {
            URI uri = new URI(base);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new UsageException("--web-base must be an http(s) URL such as https://github.com, got " + base);
    }
}
