package io.pgbarge.cli;

import io.pgbarge.check.CheckOptions;
import io.pgbarge.check.Finding;
import io.pgbarge.check.FindingsReport;
import io.pgbarge.check.Preflight;
import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.conn.HostPort;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.exec.PgError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pgbarge check SOURCE TARGET}: what would stop or change a copy, each with its fix, before any work. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check, without changing anything, whether SOURCE can be copied into TARGET: versions, privileges,",
                "extensions, roles, tablespaces, large objects, event triggers, publications, subscriptions, row-level",
                "security, encodings and collations, free connections, poolers, and what the target already holds.",
                "Exit status 0 when nothing blocks the copy, " + CheckCommand.BLOCKERS + " when something does."})
final class CheckCommand implements Callable<Integer> {
    /** The exit status when a blocker was found (ExitCode has none of its own yet). */
    static final int BLOCKERS = ExitCode.BLOCKERS;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "the database to copy from")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "the database to copy into")
    String target;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "the --jobs of the copy to check (default: ${DEFAULT-VALUE})")
    int jobs = CopyOptions.defaults().jobs();

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "list every object of each finding, and stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        if (jobs < 1) {
            err.println("pgbarge: --jobs must be at least 1, got " + jobs);
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
        if (verbose) {
            src.warnings().forEach(w -> err.println("pgbarge: source: " + w));
            tgt.warnings().forEach(w -> err.println("pgbarge: target: " + w));
        }
        String srcName = "pgbarge:check:source";
        String tgtName = "pgbarge:check:target";
        CheckOptions options = new CheckOptions(jobs, endpoints(src), endpoints(tgt), srcName, tgtName);
        List<Finding> findings;
        try (Connection s = Connector.open(src, srcName); Connection t = Connector.open(tgt, tgtName)) {
            findings = Preflight.run(s, t, options);
        } catch (ConnectionFailedException e) {
            err.println("pgbarge: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.CONNECTION;
        } catch (SQLException e) {
            err.println("pgbarge: the check could not read the servers: " + PgError.of(e).render());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.CONNECTION;
        } catch (RuntimeException e) {
            err.println("pgbarge: internal error: " + e + (verbose ? "" : " (run with -v for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.INTERNAL;
        }
        if (json) {
            out.print(FindingsReport.json(findings, src.redacted(), tgt.redacted()));
        } else {
            out.print(FindingsReport.text(findings, src.redacted(), tgt.redacted(), verbose));
        }
        return findings.stream().anyMatch(Finding::isBlocker) ? BLOCKERS : ExitCode.OK;
    }

    static List<CheckOptions.Endpoint> endpoints(ConnectionSpec spec) {
        return spec.hosts().stream().map((HostPort h) -> new CheckOptions.Endpoint(h.host(), h.port())).toList();
    }
}
