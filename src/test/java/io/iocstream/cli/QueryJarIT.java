package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB (80 MB) is in neither shaded jar: {@code target/iocstream.jar} finds it in {@code target/lib/} through its
 * manifest's Class-Path, so {@code java -jar target/iocstream.jar query} works as bin/iocstream runs it, and a copy
 * of the jar without its {@code lib/} says in one line what is missing.
 */
class QueryJarIT {

    private static final Path LOCAL = Path.of("target/iocstream.jar");
    private static final Path CLUSTER = Path.of("target/iocstream-cluster.jar");
    private static final String FINDING = "{\"schema_version\":1,\"finding_id\":\"f1\",\"status\":\"open\","
            + "\"repo\":\"acme/web\",\"severity\":\"high\",\"ioc_ids\":[\"MAL-1\"],"
            + "\"detected_at\":\"2026-12-06T10:00:00Z\"}\n";

    @TempDir
    Path dir;

    @Test
    void neitherJarHoldsDuckDbAndTheLocalJarNamesItInItsClassPath() throws IOException {
        for (Path jar : List.of(LOCAL, CLUSTER)) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.stream().map(ZipEntry::getName)).as(jar.toString())
                        .noneMatch(name -> name.startsWith("org/duckdb/") || name.startsWith("libduckdb"));
            }
        }
        try (JarFile cluster = new JarFile(CLUSTER.toFile())) {
            assertThat(cluster.getManifest().getMainAttributes().getValue("Class-Path")).isNull();
        }
        try (JarFile local = new JarFile(LOCAL.toFile())) {
            String classPath = local.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(classPath).matches("lib/duckdb_jdbc-[0-9.]+\\.jar");
            assertThat(LOCAL.resolveSibling(classPath)).isRegularFile();
        }
    }

    @Test
    void javaDashJarRunsAQuery() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);

        Result result = java(LOCAL, "query", "SELECT repo, count(*) AS open FROM current GROUP BY repo",
                "--findings", findings.toString(), "--format", "csv");

        assertThat(result.code()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("repo,open\nacme/web,1\n");
    }

    @Test
    void withoutItsLibFolderTheJarSaysWhatIsMissingInOneLine() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        Path alone = Files.copy(LOCAL, Files.createDirectories(dir.resolve("alone")).resolve("iocstream.jar"));

        Result result = java(alone, "query", "SELECT 1", "--findings", findings.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).as(result.stderr()).hasSize(1).first().asString()
                .startsWith("iocstream: DuckDB, which query and export need, is missing: expected "
                        + alone.getParent().toRealPath().resolve("lib/duckdb_jdbc-"));
        assertThat(result.stdout()).isEmpty();
    }

    private record Result(int code, String stdout, String stderr) {}

    private Result java(Path jar, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout-" + System.nanoTime());
        Path stderr = dir.resolve("stderr-" + System.nanoTime());
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
