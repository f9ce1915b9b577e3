package io.pgbarge.cli;

import io.pgbarge.copy.CopyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code pgbarge copy SOURCE TARGET}: what {@code pg_dump SOURCE | psql TARGET} does, in parallel. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy a whole database from SOURCE into TARGET: schema, rows, indexes, constraints,",
                "from one consistent snapshot of the source, with N tables at a time.",
                "SOURCE and TARGET are libpq connection strings: postgresql://user:pass@host:5432/db?sslmode=require,",
                "'host=… dbname=…', or a database name (PG* environment variables and ~/.pgpass apply)."})
final class CopyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "the database to copy from")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "the database to copy into (should be empty)")
    String target;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "tables copied at a time, and sessions per server (default: ${DEFAULT-VALUE})")
    int jobs = CopyOptions.defaults().jobs();

    @Option(names = {"-c", "--clean"}, description = "drop objects the copy creates that already exist on the target (DROP … IF EXISTS … CASCADE) before creating them")
    boolean clean;

    @Option(names = {"-s", "--schema-only"}, description = "create the objects, copy no rows")
    boolean schemaOnly;

    @Option(names = {"-O", "--no-owner"}, description = "do not set owners: everything is owned by the target login")
    boolean noOwner;

    @Option(names = {"-x", "--no-privileges", "--no-acl"}, description = "do not copy GRANTs")
    boolean noPrivileges;

    @Option(names = "--no-analyze", description = "do not ANALYZE tables after loading them")
    boolean noAnalyze;

    @Option(names = {"-B", "--no-large-objects", "--no-blobs"}, description = "do not copy large objects")
    boolean noLargeObjects;

    @Option(names = "--force", description = "copy even when the preflight check (pgbarge check) finds blockers")
    boolean force;

    @Option(names = "--no-progress", description = "plain log lines instead of the live progress display")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "more detail, and stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        if (jobs < 1 || jobs > 256) {
            System.err.println("pgbarge: --jobs must be between 1 and 256, got " + jobs);
            return ExitCode.USAGE;
        }
        CopyOptions options = new CopyOptions(jobs, clean, schemaOnly, noOwner, noPrivileges, !noAnalyze,
                !noLargeObjects);
        return CopyRun.run(source, target, options, noProgress, verbose, force);
    }
}
