package io.pgbarge.cli;

import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.verify.DatabaseVerify;
import io.pgbarge.verify.TableResult;
import io.pgbarge.verify.VerifyFailedException;
import io.pgbarge.verify.VerifyOptions;
import io.pgbarge.verify.VerifyProgress;
import io.pgbarge.verify.VerifyReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * {@code pgbarge verify SOURCE TARGET}: proves the target equal to the source — schema object by object,
 * every table's row count and content checksum, every sequence — or lists every difference.
 * Exit 0 when equal, {@link ExitCode#MISMATCH} when something differs.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare TARGET with SOURCE: the schema object by object, every table's row count",
                "and content checksum (computed on the servers, in one snapshot on each), every",
                "sequence's value. Exit status 0 when they are equal, 6 when differences were found",
                "(each one is listed). SOURCE and TARGET are libpq connection strings, as for copy."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "the database copied from")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "the database copied into")
    String target;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "tables checksummed at a time, and sessions per server (default: ${DEFAULT-VALUE})")
    int jobs = VerifyOptions.defaults().jobs();

    @Option(names = "--json", description = "write the report as a JSON document on standard output")
    boolean json;

    @ArgGroup(exclusive = true)
    Only only;

    static final class Only {
        @Option(names = {"-s", "--schema-only"}, required = true, description = "compare only the schemas")
        boolean schemaOnly;

        @Option(names = {"-a", "--data-only"}, required = true, description = "compare only rows and sequences")
        boolean dataOnly;
    }

    @Option(names = {"-v", "--verbose"}, description = "every table as it is verified, and stack traces of errors")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;

    VerifyCommand() {
        this(System.out, System.err);
    }

    /** For tests: where the report and the progress go. */
    VerifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (jobs < 1 || jobs > 256) {
            err.println("pgbarge: --jobs must be between 1 and 256, got " + jobs);
            return ExitCode.USAGE;
        }
        ConnectionSpec src;
        ConnectionSpec tgt;
        src = ConnectionArgs.parse("SOURCE", source, err::println);
        if (src == null) {
            return ExitCode.USAGE;
        }
        tgt = ConnectionArgs.parse("TARGET", target, err::println);
        if (tgt == null) {
            return ExitCode.USAGE;
        }
        try {
            // fail fast, with the connector's explanation, before any work
            Connector.open(src, "pgbarge:check").close();
            Connector.open(tgt, "pgbarge:check").close();
        } catch (ConnectionFailedException e) {
            return Failure.report(err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.CONNECTION);
        } catch (SQLException e) {
            err.println("pgbarge: " + e.getMessage());
            return ExitCode.CONNECTION;
        }
        boolean schema = only == null || only.schemaOnly;
        boolean data = only == null || only.dataOnly;
        VerifyOptions options = new VerifyOptions(jobs, schema, data);
        try {
            VerifyReport report = new DatabaseVerify(name -> Connector.open(src, name),
                    name -> Connector.open(tgt, name), options, new StderrProgress(err, verbose)).run();
            if (json) {
                out.println(report.toJson());
            } else {
                out.print(report.render());
            }
            out.flush();
            return report.equal() ? ExitCode.OK : ExitCode.MISMATCH;
        } catch (VerifyFailedException e) {
            return Failure.report(err, verbose, "pgbarge: " + e.getMessage(), e,
                    e.reason() == VerifyFailedException.Reason.CONNECTION ? ExitCode.CONNECTION : ExitCode.RUN_FAILED);
        } catch (InterruptedException e) {
            return Failure.interrupted(err, "pgbarge: interrupted");
        } catch (RuntimeException e) {
            return Failure.internal(err, verbose, e);
        }
    }

    /**
     * Progress on stderr, so that stdout keeps only the report: the phases, then "verified 3/24 tables"
     * lines — every table with -v, else about every tenth of them and the last.
     */
    private static final class StderrProgress implements VerifyProgress {
        private final PrintStream err;
        private final boolean verbose;

        StderrProgress(PrintStream err, boolean verbose) {
            this.err = err;
            this.verbose = verbose;
        }

        @Override
        public void phase(String name) {
            err.println("pgbarge: verify: " + name);
        }

        @Override
        public void tablesStarted(int total) {
            err.println("pgbarge: verify: " + total + " tables to checksum");
        }

        @Override
        public synchronized void tableVerified(TableResult r, int done, int total) {
            int step = Math.max(1, total / 10);
            if (verbose || done == total || done % step == 0 || !r.equal()) {
                err.println("pgbarge: verified " + done + "/" + total + " tables" + (verbose || !r.equal()
                        ? " (" + r.kind() + " " + r.name() + (r.equal() ? ": equal" : ": DIFFERS") + ")" : ""));
            }
        }
    }
}
