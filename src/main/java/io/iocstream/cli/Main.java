package io.iocstream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code iocstream} command line. Exit codes: 0 success, 2 bad arguments or configuration, 1 otherwise. */
@Command(name = "iocstream", mixinStandardHelpOptions = true, version = "iocstream 0.1.0",
        description = "Real-time supply-chain threat scanner for GitHub organisations, on Apache Flink.",
        subcommands = {DemoCommand.class, ReplayCommand.class, SimCommand.class, GenWorldCommand.class,
            BenchCommand.class, JobCommand.class, RelistCommand.class, RedriveCommand.class, WebhookCommand.class,
            QueryCommand.class, ExportCommand.class})
public class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment) {
            System.exit(run(args));
        }
        // flink run, or the REST API in the JobManager's own JVM, which System.exit would stop: Flink is told by an
        // exception instead
        StringWriter message = new StringWriter();
        int code = run(new PrintWriter(message, true), args);
        System.err.print(message);
        if (code != 0) {
            throw new IllegalArgumentException(message.toString().strip());
        }
    }

    static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter err, String... args) {
        return run(null, err, args);
    }

    /** With {@code out} null, commands write to standard output. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (out != null) {
            cli.setOut(out);
        }
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, argv) -> {
            e.getCommandLine().getErr().println("iocstream: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandName()
                    + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException) {
                command.getErr().println("iocstream: " + e.getMessage());
                return 2;
            }
            command.getErr().println("iocstream: " + oneLine(e));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: demo, replay, sim, "
                + "gen-world, bench, job, relist, redrive, webhook, query or export");
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ');
    }
}
