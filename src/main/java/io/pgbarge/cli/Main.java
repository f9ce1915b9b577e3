package io.pgbarge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `pgbarge` command: a thin layer that parses flags and hands the work to the library. */
@Command(name = "pgbarge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Import a PostgreSQL database into another PostgreSQL server: complete, parallel, consistent.",
        subcommands = {CopyCommand.class, DumpCommand.class, RestoreCommand.class, ImportCsvCommand.class, SchemaCommand.class, CheckCommand.class, VerifyCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        // pgjdbc logs some failures itself (java.util.logging); pgbarge reports them in its own words
        boolean verbose = java.util.Arrays.asList(args).contains("-v") || java.util.Arrays.asList(args).contains("--verbose");
        java.util.logging.Logger.getLogger("org.postgresql").setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.OFF);
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> ExitCode.INTERNAL);
        cl.setParameterExceptionHandler((ex, a) -> {
            cl.getErr().println("pgbarge: " + ex.getMessage());
            cl.getErr().println("Try 'pgbarge " + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help' for the options.");
            return ExitCode.USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pgbarge " + (v == null ? "(development build)" : v)};
        }
    }
}
