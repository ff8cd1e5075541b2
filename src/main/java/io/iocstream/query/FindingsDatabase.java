package io.iocstream.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An in-memory DuckDB database over findings JSON Lines files, with two views:
 * <ul>
 *   <li>{@code findings}: every record of the files, one row a line;</li>
 *   <li>{@code current}: the latest record (by {@code detected_at}) of each {@code finding_id}: what is open, resolved
 *   or suppressed now.</li>
 * </ul>
 * The columns are the union of the fields the records carry ({@code read_json} with {@code union_by_name}), so a
 * field added to findings appears without a change here and a record without it reads as NULL; the contract's
 * fields (CONTRACT section 2) are always there, with fixed types, even when no file has them. Every field named
 * {@code *_at} is an RFC 3339 time and reads as a {@code TIMESTAMPTZ}; the session's time zone is UTC, so a
 * {@code detected_at::DATE} is the UTC day of the job's day folders.
 */
public final class FindingsDatabase implements AutoCloseable {

    /** The JDBC driver, on iocstream.jar's manifest Class-Path from {@code target/lib/}, never in a shaded jar. */
    public static final String DRIVER = "org.duckdb.DuckDBDriver";

    /** The contract's fields and their SQL types, in the contract's order. */
    static final Map<String, String> CONTRACT_COLUMNS = contractColumns();

    private final Connection connection;
    private final List<String> columns;

    private FindingsDatabase(Connection connection, List<String> columns) {
        this.connection = connection;
        this.columns = columns;
    }

    /** Whether DuckDB's driver can be loaded, so a command can say what is missing before it starts. */
    public static boolean driverAvailable() {
        try {
            Class.forName(DRIVER, false, FindingsDatabase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Opens an in-memory database with the views over {@code files} (as {@link FindingsFiles} finds them; none makes
     * empty views). Reading the files' columns reads them whole, so a line that is not JSON fails here, naming its
     * file and line.
     */
    public static FindingsDatabase open(List<Path> files) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            List<String> select = new ArrayList<>();
            String from;
            if (files.isEmpty()) {
                CONTRACT_COLUMNS.forEach((name, type) -> select.add("NULL::" + type + " AS " + identifier(name)));
                from = "(SELECT 1) AS nothing WHERE false";
            } else {
                from = readJson(files);
                select.addAll(columns(statement, from));
            }
            statement.execute("CREATE VIEW findings AS SELECT " + String.join(", ", select) + " FROM " + from);
            // ties (the same microsecond) go to the status that sorts last, so the answer never depends on file order
            statement.execute("CREATE VIEW current AS SELECT * FROM findings WHERE finding_id IS NOT NULL "
                    + "QUALIFY row_number() OVER (PARTITION BY finding_id "
                    + "ORDER BY detected_at DESC NULLS LAST, status DESC NULLS LAST) = 1");
            List<String> names = new ArrayList<>();
            try (ResultSet described = statement.executeQuery("DESCRIBE findings")) {
                while (described.next()) {
                    names.add(described.getString("column_name"));
                }
            }
            return new FindingsDatabase(connection, List.copyOf(names));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The two views. */
    public enum View {
        FINDINGS, CURRENT;

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Writes a view's rows to one Parquet file (zstd), oldest first. */
    public void writeParquet(View view, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM " + view.sql() + " ORDER BY detected_at, finding_id, status) TO "
                    + literal(file.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
        }
    }

    public Connection connection() {
        return connection;
    }

    /** The columns of both views, the contract's first, then the others in the order the files show them. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** A string literal of SQL. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A quoted identifier of SQL, so field names that are keywords ({@code commit}, {@code trigger}) stay names. */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String readJson(List<Path> files) {
        String list = files.stream().map(file -> literal(file.toString())).collect(Collectors.joining(", "));
        // sample_size -1: types from every line, so a field that is null for the first many thousand records and a
        // string later is still a string column, never a failure half-way through a query
        return "read_json([" + list + "], format = 'newline_delimited', union_by_name = true, sample_size = -1)";
    }

    /** The select list over the files: the contract's columns cast to their types, then the others. */
    private static List<String> columns(Statement statement, String from) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + from)) {
            while (described.next()) {
                found.put(described.getString("column_name"), described.getString("column_type"));
            }
        }
        List<String> select = new ArrayList<>();
        CONTRACT_COLUMNS.forEach((name, type) -> select.add(
                (found.containsKey(name) ? "CAST(" + identifier(name) + " AS " + type + ")" : "NULL::" + type)
                        + " AS " + identifier(name)));
        found.forEach((name, type) -> {
            if (CONTRACT_COLUMNS.containsKey(name)) {
                return;
            }
            // DuckDB reads a time field as TIMESTAMP when every value has one form, else as VARCHAR (JSON when all
            // null): one type for them all, and TIMESTAMP's wall time is UTC's
            boolean time = name.endsWith("_at") && !type.equals("TIMESTAMP WITH TIME ZONE");
            select.add(time ? "CAST(" + identifier(name) + " AS TIMESTAMPTZ) AS " + identifier(name)
                    : identifier(name));
        });
        return select;
    }

    private static Map<String, String> contractColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("schema_version", "INTEGER");
        for (String text : List.of("finding_id", "status", "trigger", "repo", "ref", "commit", "path", "kind",
                "ecosystem", "package", "version", "indicator")) {
            columns.put(text, "VARCHAR");
        }
        columns.put("ioc_ids", "VARCHAR[]");
        columns.put("severity", "VARCHAR");
        columns.put("detected_at", "TIMESTAMPTZ");
        return Collections.unmodifiableMap(columns);
    }
}
