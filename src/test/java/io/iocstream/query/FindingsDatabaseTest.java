package io.iocstream.query;

import static io.iocstream.query.FindingRecords.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The views over findings files: every record in {@code findings}, each finding's latest in {@code current}, the
 * contract's columns always there with their types, fields some records lack read as NULL, and fields no code here
 * knows picked up by name.
 */
class FindingsDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void currentIsTheLatestRecordOfEachFinding() throws Exception {
        Path file = FindingRecords.write(dir.resolve("f.jsonl"),
                finding("f1", "open", "2026-12-05T10:00:00.000000001Z"),
                finding("f2", "open", "2026-12-05T10:00:01Z"),
                finding("f1", "resolved", "2026-12-05T11:00:00Z"),
                finding("f3", "resolved", "2026-12-05T09:00:00Z"),
                finding("f3", "open", "2026-12-05T12:00:00Z"));

        try (FindingsDatabase database = FindingsDatabase.open(List.of(file))) {
            assertThat(rows(database, "SELECT count(*) FROM findings")).containsExactly("5");
            assertThat(rows(database, "SELECT finding_id || ' ' || status FROM current ORDER BY finding_id"))
                    .containsExactly("f1 resolved", "f2 open", "f3 open");
        }
    }

    @Test
    void fieldsSomeRecordsLackAreNullAndNewFieldsAppearByName() throws Exception {
        Path old = FindingRecords.write(dir.resolve("day=2026-12-05/findings-0.jsonl"),
                finding("f1", "open", "2026-12-05T10:00:00Z", "indicator", null, "ecosystem", null));
        Path richer = FindingRecords.write(dir.resolve("day=2026-12-06/findings-0.jsonl"),
                finding("f2", "open", "2026-12-06T10:00:00Z", "pusher", "octocat", "line", 42,
                        "pushed_at", "2026-12-06T09:59:58Z", "references", List.of("https://osv.dev/x")));

        try (FindingsDatabase database = FindingsDatabase.open(List.of(old, richer))) {
            assertThat(database.columns()).startsWith(FindingsDatabase.CONTRACT_COLUMNS.keySet().toArray(String[]::new))
                    .contains("pusher", "line", "pushed_at", "references");
            assertThat(rows(database, "SELECT finding_id || ':' || coalesce(ecosystem, 'NULL') || ':' "
                    + "|| coalesce(pusher, 'NULL') || ':' || coalesce(line::VARCHAR, 'NULL') FROM findings "
                    + "ORDER BY finding_id")).containsExactly("f1:NULL:NULL:NULL", "f2:npm:octocat:42");
            // *_at fields are times: the seconds between the push and the finding
            assertThat(rows(database, "SELECT epoch(detected_at) - epoch(pushed_at) FROM findings "
                    + "WHERE pushed_at IS NOT NULL")).containsExactly("2.0");
            assertThat(rows(database, "SELECT typeof(detected_at) || ' ' || typeof(pushed_at) || ' ' "
                    + "|| typeof(ioc_ids) || ' ' || typeof(indicator) FROM findings LIMIT 1"))
                    .containsExactly("TIMESTAMP WITH TIME ZONE TIMESTAMP WITH TIME ZONE VARCHAR[] VARCHAR");
        }
    }

    @Test
    void aFieldMissingFromEveryFileIsStillAColumn() throws Exception {
        Path file = FindingRecords.write(dir.resolve("f.jsonl"),
                finding("f1", "open", "2026-12-05T10:00:00Z", "severity", null, "ioc_ids", null));

        try (FindingsDatabase database = FindingsDatabase.open(List.of(file))) {
            assertThat(rows(database, "SELECT coalesce(severity, 'none') || ' ' || coalesce(len(ioc_ids), -1) "
                    + "FROM current")).containsExactly("none -1");
        }
    }

    @Test
    void noFilesMakeEmptyViewsWithTheContractsColumns() throws Exception {
        try (FindingsDatabase database = FindingsDatabase.open(List.of())) {
            assertThat(database.columns()).containsExactlyElementsOf(FindingsDatabase.CONTRACT_COLUMNS.keySet());
            assertThat(rows(database, "SELECT count(*) FROM current WHERE status = 'open'")).containsExactly("0");
        }
    }

    @Test
    void daysAreUtcDaysWhateverTheMachinesZone() throws Exception {
        Path file = FindingRecords.write(dir.resolve("f.jsonl"),
                finding("f1", "open", "2026-12-05T23:59:59.999999999Z"),
                finding("f2", "open", "2026-12-06T00:00:00Z"));

        try (FindingsDatabase database = FindingsDatabase.open(List.of(file))) {
            assertThat(rows(database, "SELECT detected_at::DATE FROM findings ORDER BY finding_id"))
                    .containsExactly("2026-12-05", "2026-12-06");
        }
    }

    @Test
    void aLineThatIsNotJsonFailsNamingItsFileAndLine() throws Exception {
        Path file = FindingRecords.write(dir.resolve("broken.jsonl"), finding("f1", "open", "2026-12-05T10:00:00Z"),
                finding("f2", "open", "2026-12-05T10:00:00Z"));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(1, "{\"finding_id\": \"f3\", \"status\": ");
        Files.write(file, lines);

        assertThatThrownBy(() -> FindingsDatabase.open(List.of(file))).isInstanceOf(SQLException.class)
                .hasMessageContaining("Malformed JSON in file \"" + file + "\"").hasMessageContaining(" in line ");
    }

    @Test
    void parquetHoldsTheViewsRows() throws Exception {
        Path file = FindingRecords.write(dir.resolve("f.jsonl"),
                finding("f1", "open", "2026-12-05T10:00:00Z"),
                finding("f1", "resolved", "2026-12-05T11:00:00Z", "line", 7));
        Path parquet = dir.resolve("current.parquet");

        try (FindingsDatabase database = FindingsDatabase.open(List.of(file))) {
            database.writeParquet(FindingsDatabase.View.CURRENT, parquet);
            assertThat(rows(database, "SELECT finding_id || ' ' || status || ' ' || line || ' ' || ioc_ids[1] || ' ' "
                    + "|| typeof(detected_at) FROM read_parquet(" + FindingsDatabase.literal(parquet.toString()) + ")"))
                    .containsExactly("f1 resolved 7 MAL-2025-1 TIMESTAMP WITH TIME ZONE");
        }
    }

    static List<String> rows(FindingsDatabase database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = database.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
