package io.iocstream.cli;

import io.iocstream.core.DeadLetter;
import io.iocstream.query.FindingsDatabase;
import io.iocstream.query.ResultWriter;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code query}: SQL (DuckDB) over findings files, through the views {@code findings} and {@code current}. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL (DuckDB) over findings JSON Lines. Views: findings (every record) and current (the "
                + "latest record of each finding_id). Examples in docs/query.md.",
            "  iocstream query \"SELECT severity, count(*) FROM current WHERE status = 'open' GROUP BY severity\" "
                + "--findings /data/findings"})
final class QueryCommand implements Callable<Integer> {

    // optional for picocli, so that SQL given after --findings (which takes it as a path) gets a message that says so
    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "The query; with several "
            + "statements, the last one's rows are printed.")
    String sql;

    @Mixin
    FindingsOption findings;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (aligned, for people), csv or jsonl (default: ${DEFAULT-VALUE}).")
    ResultWriter.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sql == null) {
            throw new UsageException("the SQL is missing: put it before --findings, which takes every argument up to "
                    + "the next option");
        }
        if (sql.isBlank()) {
            throw new UsageException("the SQL is empty");
        }
        try (FindingsDatabase database = findings.open();
                Statement statement = database.connection().createStatement()) {
            boolean rows;
            try {
                rows = statement.execute(sql);
            } catch (SQLException e) {
                throw new UsageException("query failed: " + DeadLetter.firstLine(e));
            }
            if (rows) {
                PrintWriter out = spec.commandLine().getOut();
                try (ResultSet result = statement.getResultSet()) {
                    ResultWriter.write(result, format, out);
                }
            }
        }
        return 0;
    }
}
