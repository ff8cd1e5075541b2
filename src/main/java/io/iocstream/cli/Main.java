package io.iocstream.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code iocstream} command line. Exit codes: 0 success, 2 bad arguments or configuration, 1 otherwise. */
@Command(name = "iocstream", mixinStandardHelpOptions = true, version = "iocstream 0.1.0",
        description = "Real-time supply-chain threat scanner for GitHub organisations, on Apache Flink.",
        subcommands = {DemoCommand.class, ReplayCommand.class, SimCommand.class, GenWorldCommand.class,
            BenchCommand.class, JobCommand.class})
public class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
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
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: demo, replay, sim, gen-world, bench or job");
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
