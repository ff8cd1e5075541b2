package io.iocstream.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a query's rows as an aligned table (for people), CSV with a header row, or JSON Lines (one object a row,
 * lists and structs as JSON). CSV and JSON Lines stream; the table holds its rows to measure its columns.
 */
public final class ResultWriter {

    /** How rows are written. */
    public enum Format { TABLE, CSV, JSONL }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();
    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.FLOAT, Types.REAL, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL);

    private ResultWriter() {}

    /** Writes every row of {@code rows} to {@code out}; returns how many. */
    public static long write(ResultSet rows, Format format, Writer out) throws SQLException, IOException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> names = new ArrayList<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            names.add(meta.getColumnLabel(column));
        }
        return switch (format) {
            case TABLE -> table(rows, meta, names, out);
            case CSV -> csv(rows, names, out);
            case JSONL -> jsonLines(rows, names, out);
        };
    }

    private static long jsonLines(ResultSet rows, List<String> names, Writer out) throws SQLException, IOException {
        long count = 0;
        while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int column = 1; column <= names.size(); column++) {
                row.put(names.get(column - 1), SqlValues.plain(rows.getObject(column)));
            }
            out.write(JSON.writeValueAsString(row));
            out.write('\n');
            count++;
        }
        out.flush();
        return count;
    }

    private static long csv(ResultSet rows, List<String> names, Writer out) throws SQLException, IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        names.forEach(schema::addColumn);
        long count = 0;
        // the caller's writer stays open: it may be standard output
        try (SequenceWriter writer = CSV.writer(schema.build().withHeader())
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out)) {
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= names.size(); column++) {
                    // CSV has no null: an empty field (Jackson would leave a null out and shift the row)
                    String text = SqlValues.text(SqlValues.plain(rows.getObject(column)));
                    row.add(text == null ? "" : text);
                }
                writer.write(row);
                count++;
            }
        }
        out.flush();
        return count;
    }

    private static long table(ResultSet rows, ResultSetMetaData meta, List<String> names, Writer out)
            throws SQLException, IOException {
        boolean[] right = new boolean[names.size()];
        int[] widths = new int[names.size()];
        for (int column = 0; column < names.size(); column++) {
            right[column] = NUMERIC.contains(meta.getColumnType(column + 1));
            widths[column] = width(names.get(column));
        }
        List<String[]> cells = new ArrayList<>();
        while (rows.next()) {
            String[] row = new String[names.size()];
            for (int column = 0; column < names.size(); column++) {
                String text = SqlValues.text(SqlValues.plain(rows.getObject(column + 1)));
                // NULL as DuckDB's shell shows it, so it is told from an empty string
                row[column] = text == null ? "NULL" : escaped(text);
                widths[column] = Math.max(widths[column], width(row[column]));
            }
            cells.add(row);
        }
        line(out, names.toArray(String[]::new), widths, right);
        StringBuilder rule = new StringBuilder();
        for (int column = 0; column < names.size(); column++) {
            rule.append(column == 0 ? "" : "-+-").append("-".repeat(widths[column]));
        }
        out.write(rule.toString());
        out.write('\n');
        for (String[] row : cells) {
            line(out, row, widths, right);
        }
        out.write("(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)") + "\n");
        out.flush();
        return cells.size();
    }

    private static void line(Writer out, String[] row, int[] widths, boolean[] right) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.length; column++) {
            String pad = " ".repeat(widths[column] - width(row[column]));
            line.append(column == 0 ? "" : " | ").append(right[column] ? pad + row[column] : row[column] + pad);
        }
        out.write(line.toString().stripTrailing());
        out.write('\n');
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Line breaks and tabs written out, so one row stays one line. */
    private static String escaped(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
