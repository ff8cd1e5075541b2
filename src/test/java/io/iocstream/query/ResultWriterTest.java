package io.iocstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query's rows as a table for people, CSV and JSON Lines, with DuckDB's own types (lists, structs, times). */
class ResultWriterTest {

    private static final String ROWS = "SELECT * FROM (VALUES "
            + "('acme/web', 12, ['MAL-1', 'MAL-2'], TIMESTAMPTZ '2026-12-06 10:00:00.5+00', 0.25::DOUBLE), "
            + "('acme/api, \"x\"', 3, NULL, NULL, 1.0e20::DOUBLE)) AS t(repo, open, ids, seen, share) ORDER BY open DESC";

    private FindingsDatabase database;

    @BeforeEach
    void open() throws Exception {
        database = FindingsDatabase.open(List.of());
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void aTableAlignsColumnsNumbersToTheRightAndShowsNull() throws Exception {
        assertThat(write(ROWS, ResultWriter.Format.TABLE)).isEqualTo("""
                repo          | open | ids               | seen                     |                 share
                --------------+------+-------------------+--------------------------+----------------------
                acme/web      |   12 | ["MAL-1","MAL-2"] | 2026-12-06T10:00:00.500Z |                  0.25
                acme/api, "x" |    3 | NULL              | NULL                     | 100000000000000000000
                (2 rows)
                """);
    }

    @Test
    void csvQuotesWhatNeedsItAndLeavesNullEmpty() throws Exception {
        assertThat(write(ROWS, ResultWriter.Format.CSV)).isEqualTo("""
                repo,open,ids,seen,share
                acme/web,12,"[""MAL-1"",""MAL-2""]",2026-12-06T10:00:00.500Z,0.25
                "acme/api, ""x\""",3,,,100000000000000000000
                """);
    }

    @Test
    void jsonLinesKeepListsAsListsAndTimesAsText() throws Exception {
        assertThat(write(ROWS, ResultWriter.Format.JSONL)).isEqualTo("""
                {"repo":"acme/web","open":12,"ids":["MAL-1","MAL-2"],"seen":"2026-12-06T10:00:00.500Z","share":0.25}
                {"repo":"acme/api, \\"x\\"","open":3,"ids":null,"seen":null,"share":1.0E20}
                """);
    }

    @Test
    void structsMapsAndJsonBecomeObjects() throws Exception {
        assertThat(write("SELECT {'k': 1, 'l': ['a']} AS s, MAP {'m': 2} AS m, '{\"j\": [true]}'::JSON AS j, "
                + "DATE '2026-12-06' AS d", ResultWriter.Format.JSONL))
                .isEqualTo("{\"s\":{\"k\":1,\"l\":[\"a\"]},\"m\":{\"m\":2},\"j\":{\"j\":[true]},\"d\":\"2026-12-06\"}\n");
    }

    @Test
    void aTableKeepsEachRowOnOneLine() throws Exception {
        assertThat(write("SELECT 'two' || chr(10) || 'lines' || chr(9) || 'tab' AS text", ResultWriter.Format.TABLE))
                .isEqualTo("text\n---------------\ntwo\\nlines\\ttab\n(1 row)\n");
    }

    private String write(String sql, ResultWriter.Format format) throws Exception {
        StringWriter out = new StringWriter();
        try (Statement statement = database.connection().createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultWriter.write(rows, format, out);
        }
        return out.toString();
    }
}
