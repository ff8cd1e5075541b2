package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query} and {@code export} end bad arguments with one line and exit code 2 before they read anything, and
 * findings they cannot read with one line and exit code 1.
 */
class QueryCommandTest {

    private static final String FINDING = "{\"schema_version\":1,\"finding_id\":\"f1\",\"status\":\"open\","
            + "\"trigger\":\"push\",\"repo\":\"acme/web\",\"ref\":\"refs/heads/main\",\"commit\":\"" + "a".repeat(40)
            + "\",\"path\":\"package-lock.json\",\"kind\":\"package\",\"ecosystem\":\"npm\",\"package\":\"x\","
            + "\"version\":\"1.0.0\",\"indicator\":null,\"ioc_ids\":[\"MAL-1\"],\"severity\":\"high\","
            + "\"detected_at\":\"2026-12-06T10:00:00Z\"}\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void assertOneLineError(String contains) {
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString()
                .startsWith("iocstream: ").contains(contains);
    }

    @Test
    void aMissingFindingsPathIsAUsageError() {
        assertThat(run("query", "SELECT 1", "--findings", dir.resolve("nope").toString())).isEqualTo(2);
        assertOneLineError("no such file or directory");
    }

    @Test
    void sqlAfterTheFindingsIsTakenForAPathAndSaysSo() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        assertThat(run("query", "--findings", findings.toString(), "SELECT count(*) FROM findings", "x"))
                .isEqualTo(2);
        assertOneLineError("the SQL is missing: put it before --findings");
    }

    @Test
    void sqlDuckDbRefusesIsAUsageError() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        assertThat(run("query", "SELEC 1", "--findings", findings.toString())).isEqualTo(2);
        assertOneLineError("query failed: Parser Error: syntax error at or near \"SELEC\"");
    }

    @Test
    void anUnknownFormatIsAUsageError() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        assertThat(run("query", "SELECT 1", "--findings", findings.toString(), "--format", "xml")).isEqualTo(2);
        assertOneLineError("xml");
    }

    @Test
    void aFindingsLineThatIsNotJsonEndsTheCommandWithOneLine() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING + "not json\n");
        assertThat(run("query", "SELECT 1", "--findings", findings.toString())).isEqualTo(1);
        assertOneLineError("cannot read the findings: Invalid Input Error: Malformed JSON in file");
        assertThat(err.toString()).contains("f.jsonl");
    }

    @Test
    void exportNeedsSomethingToWrite() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        assertThat(run("export", "--findings", findings.toString())).isEqualTo(2);
        assertOneLineError("export needs --parquet FILE or --sarif DIR");
    }

    @Test
    void sarifGoesToANewOrEmptyDirectory() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        Path used = Files.createDirectories(dir.resolve("sarif"));
        Files.writeString(used.resolve("old.sarif"), "{}");
        assertThat(run("export", "--findings", findings.toString(), "--sarif", used.toString())).isEqualTo(2);
        assertOneLineError("--sarif must be a new or empty directory");
    }

    @Test
    void theWebBaseMustBeAnHttpUrl() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        assertThat(run("export", "--findings", findings.toString(), "--sarif", dir.resolve("s").toString(),
                "--web-base", "github.com")).isEqualTo(2);
        assertOneLineError("--web-base must be an http(s) URL");
    }

    @Test
    void parquetIntoAMissingDirectoryIsAUsageErrorAndWritesNothing() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        assertThat(run("export", "--findings", findings.toString(), "--parquet",
                dir.resolve("no/such/f.parquet").toString(), "--sarif", dir.resolve("s").toString())).isEqualTo(2);
        assertOneLineError("--parquet directory does not exist");
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void exportWritesParquetOfTheChosenViewAndSarif() throws Exception {
        Path findings = Files.writeString(dir.resolve("f.jsonl"), FINDING);
        assertThat(run("export", "--findings", findings.toString(), "--parquet", dir.resolve("c.parquet").toString(),
                "--view", "current", "--sarif", dir.resolve("s").toString())).isZero();
        assertThat(out.toString()).contains("(view current)", "Wrote 1 SARIF files (1 open findings)");
        assertThat(dir.resolve("c.parquet")).isNotEmptyFile();
        assertThat(dir.resolve("s/acme/web/refs/heads/main/" + "a".repeat(40) + ".sarif")).isNotEmptyFile();
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(file -> file.getFileName().toString().endsWith(".partial"));
        }
    }
}
